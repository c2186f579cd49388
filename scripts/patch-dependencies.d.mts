// Types for patch-dependencies.mjs, so tests written in TypeScript can run the patches.
import type { Plugin } from 'esbuild';

export interface Patch {
  package: string;
  /** Inside the package's folder, with forward slashes. */
  file: string;
  from: string;
  to: string;
}
export const PATCHES: readonly Patch[];
export function applyPatch(source: string, patch: Patch): string;
export function patchDependencies(patches?: readonly Patch[]): Plugin;

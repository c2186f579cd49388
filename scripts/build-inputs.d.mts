// Types for build-inputs.mjs, so tests written in TypeScript can ask whether a build is current.
export const BUILD_INPUTS: readonly string[];
export function isBuilt(out: string, root?: string, inputs?: readonly string[]): boolean;

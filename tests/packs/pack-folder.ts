// Test helpers: a rule pack written to a temporary folder, and the located problems compiling it gives.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic } from '../../src/diagnostic.ts';
import { compilePack } from '../../src/packs/compile-pack.ts';
import { loadPack, PackError } from '../../src/packs/load-pack.ts';

/** A temporary folder holding `files` (paths relative to it, such as p/pack.yaml). */
export function packFolder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'involve-pack-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** What loading and compiling the pack `ref` (from `cwd`) reports; none when it compiles. */
export function problems(ref: string, cwd: string): Diagnostic[] {
  try {
    compilePack(loadPack(ref, cwd));
  } catch (error) {
    if (error instanceof PackError) return error.diagnostics;
    throw error;
  }
  return [];
}

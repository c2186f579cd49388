// Build: what the bundle is made of, so that `node scripts/build.mjs --if-needed` builds again when any of it changed.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

// Besides the sources and packs: the manifest and the lock (a dependency's version), the TypeScript settings esbuild
// reads, and the build's own scripts, so that a changed patch never leaves a bundle made with the old one.
export const BUILD_INPUTS = ['src', 'rules', 'package.json', 'package-lock.json', 'tsconfig.json', 'scripts/build.mjs', 'scripts/build-inputs.mjs', 'scripts/patch-dependencies.mjs'];

/** The latest change to a file, or anywhere in a folder (a folder changes when a file in it is removed). */
function lastChange(path) {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return 0; // an input this checkout lacks holds nothing newer
  }
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(stats.mtimeMs, ...readdirSync(path).map((name) => lastChange(join(path, name))));
}

/** Whether `out` (relative to `root`) was written after every input last changed. */
export function isBuilt(out, root = '.', inputs = BUILD_INPUTS) {
  let built;
  try {
    built = statSync(join(root, out)).mtimeMs;
  } catch {
    return false;
  }
  return inputs.every((input) => lastChange(join(root, input)) < built);
}

// Packs stage: the shipped packs compiled when the CLI is built, so an audit of one file need not compile its pack.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compilePack, type CompiledPack } from './compile-pack.ts';
import { loadPack, shippedPacksDir, type LoadedPack } from './load-pack.ts';

/** Defined by scripts/build.mjs in the bundle: the snapshot as JSON. */
declare const __INVOLVE_PACK_SNAPSHOT__: string | undefined;

export interface PackSnapshot {
  /** Each rule file (folder/name under rules/) as it was when the snapshot was made. */
  files: Record<string, string>;
  packs: Record<string, { folders: string[]; pack: CompiledPack }>;
}

/** The YAML files a pack folder holds, as loadPack reads them; undefined when one is not a plain file. */
function ruleFiles(folder: string): string[] | undefined {
  const names: string[] = [];
  for (const entry of readdirSync(join(shippedPacksDir(), folder), { withFileTypes: true })) {
    if (!/\.ya?ml$/.test(entry.name)) continue;
    if (!entry.isFile()) return undefined;
    names.push(`${folder}/${entry.name}`);
  }
  return names.sort();
}

/** Made at build time from the packs on disk: every shipped pack compiled with no local overrides. */
export function makePackSnapshot(names: readonly string[]): PackSnapshot {
  const snapshot: PackSnapshot = { files: {}, packs: {} };
  for (const name of names) {
    const folders: string[] = [];
    for (let pack: LoadedPack | undefined = loadPack(name, shippedPacksDir()); pack; pack = pack.base) folders.push(pack.dir.split(/[\\/]/).pop()!);
    for (const folder of folders) for (const file of ruleFiles(folder) ?? []) snapshot.files[file] = readFileSync(join(shippedPacksDir(), file), 'utf8');
    snapshot.packs[name] = { folders, pack: compilePack(loadPack(name, shippedPacksDir())) };
  }
  return snapshot;
}

let parsed: { from: string; snapshot: PackSnapshot } | undefined;

/**
 * The shipped pack `name`, compiled with no local overrides, while every rule file of it and of the packs it
 * extends is byte for byte the one the snapshot was made from; otherwise, and running from source, undefined
 * (the pack is then loaded and compiled as before). Parsing and validating eight rule files was a third of the
 * time of an audit of one file.
 */
export function snapshotPack(name: string): CompiledPack | undefined {
  if (typeof __INVOLVE_PACK_SNAPSHOT__ !== 'string') return undefined;
  if (parsed?.from !== __INVOLVE_PACK_SNAPSHOT__) parsed = { from: __INVOLVE_PACK_SNAPSHOT__, snapshot: JSON.parse(__INVOLVE_PACK_SNAPSHOT__) as PackSnapshot };
  const { snapshot } = parsed;
  const entry = Object.hasOwn(snapshot.packs, name) ? snapshot.packs[name]! : undefined;
  if (!entry) return undefined;
  try {
    for (const folder of entry.folders) {
      const files = ruleFiles(folder);
      const known = Object.keys(snapshot.files).filter((f) => f.startsWith(`${folder}/`)).sort();
      if (!files || files.join('\n') !== known.join('\n')) return undefined;
      for (const file of files) if (readFileSync(join(shippedPacksDir(), file), 'utf8') !== snapshot.files[file]) return undefined;
    }
  } catch {
    return undefined;
  }
  return structuredClone(entry.pack);
}

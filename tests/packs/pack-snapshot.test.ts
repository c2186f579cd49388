// The packs compiled at build time (pack-snapshot.ts) are those compiled at run time, used only while files match.
import { describe, expect, it } from 'vitest';
import { compilePack } from '../../src/packs/compile-pack.ts';
import { loadPack, shippedPackNames, shippedPacksDir } from '../../src/packs/load-pack.ts';
import { makePackSnapshot, snapshotPack, type PackSnapshot } from '../../src/packs/pack-snapshot.ts';
import { runCli, spawnCli } from '../cli/run-cli.ts';

const names = shippedPackNames();
const snapshot = makePackSnapshot(names);
const global = globalThis as { __INVOLVE_PACK_SNAPSHOT__?: string };

describe('the pack snapshot', () => {
  it('covers the three shipped packs', () => expect(names).toEqual(['core', 'nottingham-cdp-2015', 'oxfordshire-daat-2009']));

  it.each(names)('holds %s as compiled at run time, through JSON', (name) => {
    const now = compilePack(loadPack(name, shippedPacksDir()));
    expect(JSON.parse(JSON.stringify(snapshot)).packs[name].pack).toEqual(JSON.parse(JSON.stringify(now)));
  });

  it('is used while the files match, and not once one differs', () => {
    expect(snapshotPack('core')).toBeUndefined(); // from source, there is none
    global.__INVOLVE_PACK_SNAPSHOT__ = JSON.stringify(snapshot);
    try {
      for (const name of names) expect(snapshotPack(name)).toEqual(JSON.parse(JSON.stringify(compilePack(loadPack(name, shippedPacksDir())))));
    } finally {
      delete global.__INVOLVE_PACK_SNAPSHOT__;
    }
    const tampered: PackSnapshot = structuredClone(snapshot);
    const file = Object.keys(tampered.files).find((f) => f.startsWith('core/') && !f.endsWith('pack.yaml'))!;
    tampered.files[file] += '\n# changed';
    global.__INVOLVE_PACK_SNAPSHOT__ = JSON.stringify(tampered);
    try {
      expect(snapshotPack('core')).toBeUndefined();
      // Every pack extends core, so none can be used; an unknown or path-like name never was.
      for (const name of names) expect(snapshotPack(name)).toBeUndefined();
      expect(snapshotPack('./rules/core')).toBeUndefined();
      expect(snapshotPack('constructor')).toBeUndefined();
    } finally {
      delete global.__INVOLVE_PACK_SNAPSHOT__;
    }
  });

  it.each(names)('gives the built CLI the same audit, rules and explanations as compiling %s in-process', async (name) => {
    for (const args of [
      ['audit', 'fixtures/sample', '--rules', name, '--format', 'json', '--as-of', '2026-11-01', '--fail-on', 'never', '--no-config'],
      ['rules', '--rules', name, '--no-config'],
      ['explain', 'charter-displayed', '--rules', name, '--no-config'],
    ]) {
      const built = spawnCli(args);
      const inProcess = await runCli(args);
      expect(built.stdout, args.join(' ')).toBe(inProcess.stdout);
      expect(built.status).toBe(inProcess.status);
    }
  });
});

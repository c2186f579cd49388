import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STARTER_CONFIG } from '../../src/cli/commands/init.ts';
import { findConfig } from '../../src/config/load-config.ts';
import { examples, runCli } from '../cli/run-cli.ts';

/** An evidence repository: a config at its root and the example return two folders down. */
function repository(config: string): string {
  const root = mkdtempSync(join(tmpdir(), 'involve-config-'));
  mkdirSync(join(root, 'evidence', '2026-Q3'), { recursive: true });
  copyFileSync(join(examples, '2026-Q3/smart-cjs.yaml'), join(root, 'evidence', '2026-Q3', 'smart-cjs.yaml'));
  writeFileSync(join(root, 'involve.config.yaml'), config);
  return root;
}

const resultsOf = (stdout: string) => JSON.parse(stdout).files[0].results as { rule: string; status: string }[];

describe('involve.config.yaml', () => {
  it('is found by walking up from the audited path', () => {
    const root = repository('pack: core\n');
    expect(findConfig(join(root, 'evidence', '2026-Q3', 'smart-cjs.yaml'))).toBe(join(root, 'involve.config.yaml'));
    expect(findConfig(join(root, 'evidence'))).toBe(join(root, 'involve.config.yaml'));
  });

  it('chooses the pack, overrides parameters and sets fail_on', async () => {
    const root = repository('pack: oxfordshire-daat-2009\nfail_on: amber\noverrides:\n  surveys-conducted:\n    params:\n      min_respondents: 100\n');
    const r = await runCli(['audit', 'evidence', '--format', 'json'], { cwd: root });
    const report = JSON.parse(r.stdout);
    expect(report.pack.id).toBe('oxfordshire-daat-2009');
    expect(resultsOf(r.stdout).find((x) => x.rule === 'surveys-conducted')!.status).toBe('fail'); // 48 < 100
    expect(r.status).toBe(1);
  });

  it('is outranked by the command line', async () => {
    const root = repository('pack: oxfordshire-daat-2009\nfail_on: never\n');
    const r = await runCli(['audit', 'evidence', '--format', 'json', '--rules', 'core', '--fail-on', 'red'], { cwd: root });
    expect(JSON.parse(r.stdout).pack.id).toBe('core');
    expect((await runCli(['audit', 'evidence', '--no-config', '--format', 'json'], { cwd: root })).stdout).toContain('"id": "core"');
  });

  it('finds a pack path relative to itself', async () => {
    const root = repository('pack: ./packs/ours\n');
    mkdirSync(join(root, 'packs', 'ours'), { recursive: true });
    writeFileSync(join(root, 'packs', 'ours', 'pack.yaml'), 'id: ours\ntitle: Ours\nversion: "1"\nextends: core\n');
    const r = await runCli(['audit', join(root, 'evidence'), '--format', 'json'], { cwd: tmpdir() });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).pack.id).toBe('ours');
  });

  it.each([
    ['an unknown key, with did you mean', 'pakc: core\n', 1, 1, 'unknown field "pakc"; did you mean "pack"?'],
    ['a wrong fail_on', 'fail_on: orange\n', 1, 10, '"fail_on" must be one of red, amber, never, got "orange"'],
    ['a waiver without its approver', 'waivers:\n  - provider: smart-cjs\n    rule: charter-displayed\n    reason: Refurbishment\n    expires: 2026-12-31\n', 2, 5, '"approved_by" in waivers, item 1 ("charter-displayed") is missing'],
    ['an override of an unknown rule', 'overrides:\n  charter-display:\n    severity: off\n', 2, 3, 'did you mean "charter-displayed"?'],
  ])('refuses %s with exit 2 and its line and column', async (_, config, line, column, message) => {
    const root = repository(config);
    const r = await runCli(['audit', 'evidence'], { cwd: root });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`involve.config.yaml:${line}:${column}: error: `);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
  });

  // The starter config's examples sit, commented out, under `waivers: []` and `overrides: {}`: uncommented as they
  // are, the key has two values, and the message must say so in words.
  it.each([
    ['waivers: []', 'list'],
    ['overrides: {}', 'fields'],
  ])('says what is wrong when the example under `%s` in the starter config is uncommented', async (key, below) => {
    const lines = STARTER_CONFIG.split('\n');
    const at = lines.indexOf(key);
    for (let i = at + 1; lines[i]!.startsWith('#  '); i++) lines[i] = lines[i]!.slice(1);
    const r = await runCli(['audit', 'evidence'], { cwd: repository(lines.join('\n')) });
    expect(r.status).toBe(2);
    const [name, value] = key.split(': ');
    const fix = below === 'list' ? 'give it the list below' : `give it the fields below, or move this line back to line up with \`${name}:\``;
    expect(r.stderr.split('\n')[0]).toBe(`involve.config.yaml:${at + 2}:3: error: \`${name}:\` already has a value on line ${at + 1} (\`${value}\`); remove \`${value}\` to ${fix}`);
  });

  it('names the config, not evidence, in a YAML message about it', async () => {
    const r = await runCli(['audit', 'evidence'], { cwd: repository('pack: &p core\n') });
    expect(r.stderr.split('\n')[0]).toBe('involve.config.yaml:1:7: error: YAML anchors (&p) are not allowed in a config file; remove it');
  });

  it('sets the limits on what files are read', async () => {
    const root = repository('limits:\n  max_file_bytes: 1024\n');
    const r = await runCli(['audit', 'evidence', '--format', 'json'], { cwd: root });
    expect(JSON.parse(r.stdout).files[0].errors[0].code).toBe('file-too-large');
  });
});

import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repo, runCli } from './run-cli.ts';

describe('involve explain', () => {
  it('says what a rule checks, its parameters in the chosen pack, its citation and hint', async () => {
    const r = await runCli(['explain', 'surveys-conducted', '--rules', 'oxfordshire-daat-2009']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('surveys-conducted: Service users\' views sought by survey');
    expect(r.stdout).toContain('window_months: 6');
    expect(r.stdout).toContain('Oxfordshire DAAT Service User Involvement Strategy (2009), section 4.1; 5.2');
    expect(r.stdout).toContain('How this pack reads it: "Regular" is read as at least twice a year');
    expect(r.stdout).toMatch(/How to put it right\n {2}Run a satisfaction survey/);
  });

  it('says when a rule is off in the pack, and suggests a near miss', async () => {
    expect((await runCli(['explain', 'charter-displayed', '--rules', 'nottingham-cdp-2015'])).stdout).toContain('is off in pack nottingham-cdp-2015');
    const r = await runCli(['explain', 'charter-display']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('did you mean "charter-displayed"?');
  });
});

describe('involve rules', () => {
  it("lists the pack's rules and what it turns off", async () => {
    const r = await runCli(['rules', '--rules', 'nottingham-cdp-2015']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/involvement-levels-supported\s+│ recommended/);
    expect(r.stdout).toContain('Off in this pack: involvement-lead-named, charter-displayed');
    expect(r.stdout.split('\n')[0]).toMatch(/^Pack nottingham-cdp-2015 version 2026-12 \(hash [0-9a-f]{12}\): Nottingham Crime/);
  });
});

describe('involve schema', () => {
  it('prints the JSON Schema generated from the zod schema', async () => {
    const r = await runCli(['schema']);
    const schema = JSON.parse(r.stdout);
    expect(schema.properties.ladder.items.properties.rung).toMatchObject({ type: 'integer', minimum: 1, maximum: 7 });
    expect(schema.required).toEqual(['format', 'provider', 'period', 'submitted']);
    expect(schema.additionalProperties).toBe(false);
  });

  it('matches the copy published in docs/', async () => {
    const r = await runCli(['schema']);
    expect(readFileSync(join(repo, 'docs', 'involvement-evidence.schema.json'), 'utf8')).toBe(r.stdout);
  });
});

describe('involve init', () => {
  it('writes a commented starter file that loads and audits, and never overwrites', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'involve-init-'));
    const r = await runCli(['init', '--provider', 'smart-cjs', '--period', '2026-Q3'], { cwd: dir });
    expect(r.status).toBe(0);
    const path = join(dir, '2026-Q3', 'smart-cjs.yaml');
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('# yaml-language-server: $schema=../involvement-evidence.schema.json');
    const audit = await runCli(['audit', path, '--format', 'json'], { cwd: dir });
    const file = JSON.parse(audit.stdout).files[0];
    expect(file.errors).toEqual([]);
    expect(file.warnings).toEqual([]);
    // Every rule passes but the one that wants the example attachments to exist.
    const notPassing = file.results.filter((r: { status: string }) => r.status !== 'pass' && r.status !== 'info');
    expect(notPassing.map((r: { rule: string }) => r.rule)).toEqual(['attachments-present']);

    writeFileSync(path, 'provider work\n');
    const again = await runCli(['init', '--provider', 'smart-cjs', '--period', '2026-Q3'], { cwd: dir });
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('already exists; it was left as it is');
    expect(readFileSync(path, 'utf8')).toBe('provider work\n');
  });

  it('refuses a bad provider id or period', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'involve-init-'));
    expect((await runCli(['init', '--provider', 'Smart CJS', '--period', '2026-Q3'], { cwd: dir })).status).toBe(2);
    expect((await runCli(['init', '--provider', 'smart-cjs', '--period', '2026-3'], { cwd: dir })).status).toBe(2);
    expect((await runCli(['init', '--period', '2026-Q3'], { cwd: dir })).stderr).toContain('init needs --provider and --period');
    expect(existsSync(join(dir, '2026-Q3'))).toBe(false);
  });
});

describe('help and version', () => {
  it('prints the version', async () => {
    const r = await runCli(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).version);
  });

  it.each(['audit', 'explain', 'rules', 'schema', 'init'])('has --help with examples for %s', async (command) => {
    const r = await runCli([command, '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`Usage: involve ${command}`);
    expect(r.stdout).toContain('Examples:');
  });

  it('suggests a near command', async () => {
    const r = await runCli(['audti']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('(Did you mean audit?)');
  });
});

describe('involve init --config', () => {
  it('writes a commented config that loads, and never overwrites', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'involve-initc-'));
    const r = await runCli(['init', '--config'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(readFileSync(join(dir, 'involve.config.yaml'), 'utf8')).toContain('# A waived failure shows as "waived"');
    const audit = await runCli(['audit', join(repo, 'fixtures/sample/2026-Q3/notts-cjs.yaml'), '--config', join(dir, 'involve.config.yaml')], { cwd: dir });
    expect(audit.stderr).toBe('');
    expect(audit.status).toBe(0);
    expect((await runCli(['init', '--config'], { cwd: dir })).status).toBe(2);
  });
});

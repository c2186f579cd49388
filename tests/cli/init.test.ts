// Tests for `involve init`: the starter return of each shipped pack has every section the pack reads, nothing in it
// passes until it is filled in, and filled in as fixtures/starter-fills/<pack>.yaml has it, it audits green.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMap, isSeq, parse, parseDocument, type Document, type YAMLMap } from 'yaml';
import { shippedPackNames } from '../../src/packs/load-pack.ts';
import type { FileReport, Report } from '../../src/report/model.ts';
import { repo, runCli } from './run-cli.ts';

const fills = join(repo, 'fixtures', 'starter-fills');
const RETURN = join('2026-Q3', 'smart-cjs.yaml');

async function init(dir: string, ...args: string[]) {
  return runCli(['init', '--provider', 'smart-cjs', '--period', '2026-Q3', ...args], { cwd: dir });
}

async function audit(dir: string, ...args: string[]): Promise<{ status: number; file: FileReport }> {
  const r = await runCli(['audit', RETURN, '--as-of', '2026-11-01', '--format', 'json', ...args], { cwd: dir });
  return { status: r.status, file: (JSON.parse(r.stdout) as Report).files[0]! };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Lays `value` over the starter at `at`, as a provider fills it in: every key must be one the starter already has,
 * and every item of a list, the fields of the starter's one item of it.
 */
function fill(doc: Document, at: (string | number)[], value: unknown): void {
  const where = at.join('.');
  if (isRecord(value)) {
    expect(isMap(doc.getIn(at)), `the starter has a section ${where}`).toBe(true);
    for (const [key, child] of Object.entries(value)) {
      expect(doc.hasIn([...at, key]), `the starter has ${where}.${key}`).toBe(true);
      fill(doc, [...at, key], child);
    }
    return;
  }
  const list = doc.getIn(at);
  if (Array.isArray(value) && value.some(isRecord)) {
    expect(isSeq(list) && list.items.length === 1, `the starter has one item of ${where}`).toBe(true);
    const fields = Object.keys((doc.getIn([...at, 0]) as YAMLMap).toJSON() as object);
    for (const item of value as Record<string, unknown>[]) {
      for (const key of Object.keys(item)) expect(fields, `the starter's item of ${where} has ${key}`).toContain(key);
    }
  }
  doc.setIn(at, doc.createNode(value));
}

/** Every attachment a fill lists, as paths relative to the return. */
const attachments = (value: unknown): string[] =>
  isRecord(value) ? Object.entries(value).flatMap(([key, v]) => (key === 'evidence' ? (v as string[]) : attachments(v))) : Array.isArray(value) ? value.flatMap(attachments) : [];

describe.each(shippedPackNames())('the starter return of %s', (pack) => {
  const filled = parse(readFileSync(join(fills, `${pack}.yaml`), 'utf8')) as Record<string, unknown>;

  it('is invalid untouched, for the header it leaves empty, and red with it filled: every rule that can fail does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'involve-init-'));
    const wrote = await init(dir, '--rules', pack);
    expect(wrote).toEqual({ status: 0, stdout: `Wrote 2026-Q3/smart-cjs.yaml. Fill it in, then check it with: involve audit 2026-Q3/smart-cjs.yaml --rules ${pack}\n`, stderr: '' });
    const path = join(dir, RETURN);
    const text = readFileSync(path, 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../involvement-evidence.schema.json');
    // Nothing that reads as a filled-in value: a name is TBC, everything else is empty.
    expect(text).not.toMatch(/example\.org|Firstname|Your name|Your service/);

    const untouched = await audit(dir, '--rules', pack);
    expect(untouched.status).toBe(1);
    expect(untouched.file.status).toBe('invalid');
    const lines = text.split('\n');
    expect(untouched.file.errors.map((e) => lines[e.line - 1]!.trim().split(/\s+/)[0])).toEqual(['name:', 'on:', 'by:']);

    const doc = parseDocument(text);
    for (const key of ['provider', 'submitted']) fill(doc, [key], filled[key]);
    writeFileSync(path, doc.toString());
    const { status, file } = await audit(dir, '--rules', pack);
    expect(status).toBe(1);
    expect(file).toMatchObject({ status: 'red', errors: [], warnings: [] });
    // Only the two rules that read the whole file pass, having nothing to find in a return with nothing in it.
    const expected = file.results.map((r) => [r.rule, ['no-personal-data', 'attachments-present'].includes(r.rule) ? 'pass' : r.severity === 'aspirational' ? 'info' : 'fail']);
    expect(file.results.map((r) => [r.rule, r.status])).toEqual(expected);
  });

  it(`is green filled in as fixtures/starter-fills/${pack}.yaml has it`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'involve-init-'));
    await init(dir, '--rules', pack);
    const path = join(dir, RETURN);
    const doc = parseDocument(readFileSync(path, 'utf8'));
    for (const [key, value] of Object.entries(filled)) fill(doc, [key], value);
    writeFileSync(path, doc.toString());
    for (const file of attachments(filled)) {
      mkdirSync(dirname(join(dir, '2026-Q3', file)), { recursive: true });
      writeFileSync(join(dir, '2026-Q3', file), 'evidence\n');
    }
    const { status, file } = await audit(dir, '--rules', pack);
    // Information (an aspirational rung not reached) is no shortfall.
    expect(file.results.filter((r) => r.status !== 'pass' && r.status !== 'info').map((r) => [r.rule, r.message])).toEqual([]);
    expect(file).toMatchObject({ status: 'green', errors: [], warnings: [] });
    expect(status).toBe(0);
  });
});

describe('involve init', () => {
  it("writes the sections of the config's pack, as the config reads it, else core's", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'involve-init-'));
    await init(dir);
    const core = readFileSync(join(dir, RETURN), 'utf8');
    expect(core).toContain('pack core (Core involvement checks, version 2026-12)');
    expect(core).toMatch(/^charter:$/m);
    expect(core).not.toMatch(/^complaints:$/m);

    const configured = mkdtempSync(join(tmpdir(), 'involve-init-'));
    writeFileSync(join(configured, 'involve.config.yaml'), 'pack: oxfordshire-daat-2009\noverrides:\n  charter-displayed:\n    severity: off\n');
    const wrote = await init(configured);
    expect(wrote.stdout).toBe('Wrote 2026-Q3/smart-cjs.yaml. Fill it in, then check it with: involve audit 2026-Q3/smart-cjs.yaml\n');
    const oxfordshire = readFileSync(join(configured, RETURN), 'utf8');
    expect(oxfordshire).toMatch(/^complaints:$/m);
    expect(oxfordshire).not.toMatch(/^charter:$/m);
  });

  it('says above each section what each rule that reads it asks, filled from the pack', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'involve-init-'));
    await init(dir, '--rules', 'oxfordshire-daat-2009');
    const text = readFileSync(join(dir, RETURN), 'utf8');
    expect(text).toContain(`# expenses-reimbursed (required): Volunteers' expenses reimbursed
#   Keep a written volunteer expenses policy that covers at least travel, lunch, list it under
#   volunteer_expenses.policy with the categories it covers, and pay each claim in full within 30
#   days, recording the amount reimbursed and the date paid (paid_on).
volunteer_expenses:
  policy:
    covers: []                          # a list of: travel | lunch | childcare | phone | other`);
    expect(text).toContain(`complaints:
  # procedure given in writing at the outset of each treatment episode
  procedure_in_writing_at_start:        # true or false
  lead:
    name: TBC                           # a real name, not a placeholder such as TBC`);
    expect(text).toContain('# feedback-encouraged (aspirational, never red): Service users encouraged to feed back on the service\n');
    expect(text.split('\n').filter((line) => line.length > 120)).toEqual([]);
  });

  it('says which kinds of service a rule is not asked of', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'involve-init-'));
    await init(dir, '--rules', 'nottingham-cdp-2015');
    expect(readFileSync(join(dir, RETURN), 'utf8')).toContain(`# ladder-rungs-evidenced (required): Activity on each rung of the Ladder of Participation
#   Not asked of criminal-justice, young-people, family-support, domestic-sexual-violence services
#   (provider.service_type).
`);
  });

  it("is as the README's provider tour shows it, from init to the first audit", async () => {
    const readme = readFileSync(join(repo, 'README.md'), 'utf8');
    const tour = readme.slice(readme.indexOf('## For a provider'), readme.indexOf('## For CI'));
    const blocks = [...tour.matchAll(/```(?:yaml)?\n([\s\S]*?)```/g)].map((m) => m[1]!);
    const dir = mkdtempSync(join(tmpdir(), 'involve-init-'));
    const file = '2026-Q4/smart-cjs.yaml';
    const wrote = await runCli(['init', '--provider', 'smart-cjs', '--period', '2026-Q4', '--rules', 'oxfordshire-daat-2009'], { cwd: dir });
    expect(blocks[0]).toBe(`$ involve init --provider smart-cjs --period 2026-Q4 --rules oxfordshire-daat-2009\n${wrote.stdout}`);
    const text = readFileSync(join(dir, file), 'utf8');
    expect(text).toContain(blocks[1]);

    const header = (on: string) => text.replace(/^ {2}name: .*$/m, '  name: SMART Criminal Justice Service').replace(/^ {2}on: .*$/m, `  on: ${on}`).replace(/^ {2}by: .*$/m, '  by: Sam Patel, Service Manager');
    writeFileSync(join(dir, file), header('2026-12-11'));
    const future = await runCli(['audit', file, '--rules', 'oxfordshire-daat-2009', '--as-of', '2026-12-04', '--format', 'json'], { cwd: dir });
    const [error] = (JSON.parse(future.stdout) as Report).files[0]!.errors;
    expect(blocks[2]).toBe(`${file}:${error!.line}:${error!.column}: ${error!.message}\n`);

    writeFileSync(join(dir, file), header('2026-12-04'));
    const red = await runCli(['audit', file, '--rules', 'oxfordshire-daat-2009', '--as-of', '2026-12-04'], { cwd: dir });
    const printed = red.stdout.split('\n').map((line) => line.trimEnd());
    // The tour shortens the table where it says …; every other line is as printed.
    const [command, ...shown] = blocks[3]!.trimEnd().split('\n');
    expect(command).toBe(`$ involve audit ${file} --rules oxfordshire-daat-2009`);
    for (const line of shown.filter((l) => !l.includes('…'))) expect(printed).toContain(line);
  });

  it('never overwrites, and writes nothing for an unknown pack', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'involve-init-'));
    mkdirSync(join(dir, '2026-Q3'));
    writeFileSync(join(dir, RETURN), 'provider work\n');
    const again = await init(dir);
    expect(again).toEqual({ status: 2, stdout: '', stderr: 'involve: 2026-Q3/smart-cjs.yaml already exists; it was left as it is\n' });
    expect(readFileSync(join(dir, RETURN), 'utf8')).toBe('provider work\n');

    const other = mkdtempSync(join(tmpdir(), 'involve-init-'));
    const unknown = await init(other, '--rules', 'oxfordshire');
    expect(unknown.status).toBe(2);
    expect(existsSync(join(other, '2026-Q3'))).toBe(false);
  });

  it('refuses a bad provider id or period', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'involve-init-'));
    expect((await runCli(['init', '--provider', 'Smart CJS', '--period', '2026-Q3'], { cwd: dir })).status).toBe(2);
    expect((await runCli(['init', '--provider', 'smart-cjs', '--period', '2026-3'], { cwd: dir })).status).toBe(2);
    expect((await runCli(['init', '--period', '2026-Q3'], { cwd: dir })).stderr).toContain('init needs --provider and --period');
    expect(existsSync(join(dir, '2026-Q3'))).toBe(false);
  });
});

// Tests for the help a pack author and a commissioner get (issue 13, point 4): an unknown key names the keys allowed
// there and is never "ignored" when the run then stops; `__proto__` is a name like any other; an unknown `$param`
// is said once, with "did you mean"; wording a pack has outdated is a warning; a hint names the thresholds in force.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/diagnostic.ts';
import { compilePack } from '../../src/packs/compile-pack.ts';
import { loadPack, shippedPackNames } from '../../src/packs/load-pack.ts';
import type { Report } from '../../src/report/model.ts';
import { DEFAULT_LIMITS, parseYaml, type FileKind } from '../../src/load/read-yaml.ts';
import { examples, runCli } from '../cli/run-cli.ts';
import { packFolder, problems } from './pack-folder.ts';

const PACK = 'id: p\ntitle: P\nversion: "1"\nextends: core\n';
const CORE_RULES = 'involvement-lead-named, charter-displayed, surveys-conducted, expenses-reimbursed, ladder-rungs-evidenced, no-personal-data, attachments-present';
const said = (files: Record<string, string>) => problems('./p', packFolder(files)).map(formatDiagnostic);

describe('messages about a pack or a config', () => {
  it('an unknown key in a pack stops the run: it names the keys allowed there and never says it is ignored', async () => {
    const dir = packFolder({ 'p/pack.yaml': `${PACK}overrides:\n  expenses-reimbursed:\n    citation:\n      link: https://example.org\n      quot: Q\n` });
    const r = await runCli(['audit', examples, '--rules', './p'], { cwd: dir });
    expect(r.stderr.split('\n')).toEqual([
      'p/pack.yaml:8:7: error: unknown field "link" in overrides.expenses-reimbursed.citation; allowed: document, section, quote, interpretation, url',
      'p/pack.yaml:9:7: error: unknown field "quot" in overrides.expenses-reimbursed.citation; did you mean "quote"? (allowed: document, section, quote, interpretation, url)',
      'involve: cannot run with this rule pack or config; nothing was audited',
      '',
    ]);
    expect(r.status).toBe(2);
  });

  it('an unknown key in a rule file or a config names the keys allowed there', async () => {
    const rule = 'id: r\ntitle: R\ndescription: D\nseverity: required\ncitation: {document: D, section: S, quote: Q}\nhint: H\ncheck: {kind: named-person, section: involvement_lead}\nmessages: {}\ntitel: T\n';
    expect(said({ 'p/pack.yaml': PACK, 'p/r.yaml': rule })).toEqual([
      'p/r.yaml:9:1: error: unknown field "titel"; did you mean "title"? (allowed: id, title, description, severity, effective_from, citation, hint, params, check, messages, service_types)',
    ]);
    const dir = packFolder({ 'involve.config.yaml': 'pack: core\nlimits:\n  max_files: 3\n', 'evidence/.keep': '' });
    const r = await runCli(['audit', 'evidence'], { cwd: dir });
    expect(r.stderr).toContain('involve.config.yaml:3:3: error: unknown field "max_files" in limits; allowed: max_file_bytes, max_depth\n');
    expect(r.stderr).not.toContain('ignored');
  });

  it.each([
    ['overrides', `${PACK}overrides:\n  __proto__:\n    severity: off\n`, `p/pack.yaml:6:3: error: overrides name rule "__proto__", which this pack does not have (its rules: ${CORE_RULES})`],
    ['overrides, beside a real one', `${PACK}overrides:\n  charter-displayed: {severity: off}\n  __proto__: {severity: off}\n  constructor: {severity: off}\n`, [6, 7].map((line, i) => `p/pack.yaml:${line + 1}:3: error: overrides name rule "${['__proto__', 'constructor'][i]}", which this pack does not have (its rules: ${CORE_RULES})`)],
    ["an override's params", `${PACK}overrides:\n  expenses-reimbursed:\n    params:\n      __proto__: [travel]\n`, 'p/pack.yaml:8:7: error: rule "expenses-reimbursed" has no parameter "__proto__" (its parameters: must_cover, pay_within_days)'],
    ["an override's service_types", `${PACK}overrides:\n  expenses-reimbursed:\n    service_types:\n      __proto__: {skip: Not ours}\n`, 'p/pack.yaml:8:7: error: unknown key "__proto__" in overrides.expenses-reimbursed.service_types: use one of treatment, criminal-justice, young-people, family-support, domestic-sexual-violence'],
  ])('an override key named __proto__ in %s is refused like any unknown name, not dropped', (_, pack, expected) => {
    expect(said({ 'p/pack.yaml': pack })).toEqual([expected].flat());
  });

  it('__proto__ in a config\'s overrides is refused like any unknown rule', async () => {
    const dir = packFolder({ 'involve.config.yaml': 'pack: core\noverrides:\n  __proto__:\n    severity: off\n', 'evidence/.keep': '' });
    const r = await runCli(['audit', 'evidence'], { cwd: dir });
    expect(r.stderr.split('\n')[0]).toBe(`involve.config.yaml:3:3: error: overrides name rule "__proto__", which this pack does not have (its rules: ${CORE_RULES})`);
    expect(r.status).toBe(2);
  });

  it('a $param the rule lacks is one error, at the reference, with did you mean, and no second error about its empty value', () => {
    const rule = (window: string) =>
      `id: forum\ntitle: Forum\ndescription: D\nseverity: required\ncitation: {document: D, section: S, quote: Q}\nhint: H\nparams:\n  meetings: 3\n  window_months: 3\ncheck:\n  kind: count-in-window\n  list: ladder\n  date_field: date\n  window_months: ${window}\n  at_least: $meetings\nmessages:\n  missing: none\n  too-few: "{{count}}"\n  counted: "{{activity}}"\n`;
    expect(said({ 'p/pack.yaml': PACK, 'p/forum.yaml': rule('$window_month') })).toEqual([
      'p/forum.yaml:14:18: error: check refers to "$window_month", which is not in the rule\'s params; did you mean "$window_months"?',
    ]);
    expect(said({ 'p/pack.yaml': PACK, 'p/forum.yaml': rule('$weeks') })).toEqual([
      'p/forum.yaml:14:18: error: check refers to "$weeks", which is not in the rule\'s params (its params: meetings, window_months)',
    ]);
  });

  it('an audit of a rule pack\'s folder reads none of its files as returns, and says why', async () => {
    const dir = packFolder({ 'p/pack.yaml': PACK, 'p/tests/green.yaml': 'format: 1\n', 'p/tests/green.expected.yaml': 'status: green\n' });
    const r = await runCli(['audit', 'p', '--format', 'json'], { cwd: dir });
    expect(r.stderr.split('\n')).toEqual([
      'involve: p holds pack.yaml, so it is a rule pack, not returns: nothing in it was audited (its tests run with: involve test-rules p)',
      'involve: no evidence files (*.yaml, *.yml) found in p; check the path, or pass --allow-empty to accept an empty run',
      '',
    ]);
    expect(r.status).toBe(2);
  });

  it.each(['pack', 'rule', 'config', 'register', 'expected'] as FileKind[])('the loader speaks of a %s file as what it is, never as evidence', (kind) => {
    const slips = ['id: &a p\ntitle: *a\n', 'id: !!str p\n', `id: p\nx: ${'['.repeat(70)}${']'.repeat(70)}\n`, '# nothing\n', 'id: p\n---\nid: q\n', '- a\n', 'id: p\nid: q\n', `id: ${'a'.repeat(2000)}\n`];
    const messages = slips.flatMap((text) => {
      const read = parseYaml(new TextEncoder().encode(text), 'f.yaml', { ...DEFAULT_LIMITS, maxBytes: 1024 }, { kind, composeAlways: true });
      return read.ok ? [] : read.errors.map((e) => e.message);
    });
    expect(messages.length).toBeGreaterThanOrEqual(slips.length);
    expect(messages.filter((m) => /evidence/i.test(m))).toEqual([]);
  });

  it('braces round no placeholder name in a hint or message are an error, not text printed as written', () => {
    const withHint = `${PACK}overrides:\n  expenses-reimbursed:\n    hint: Cover {{$must_cover}}, within {{pay-within-days}} days {{}}.\n`;
    expect(said({ 'p/pack.yaml': withHint })).toEqual([
      'p/pack.yaml:7:11: error: the hint holds {{$must_cover}}, which is no placeholder and would print as written; write {{must_cover}}',
      'p/pack.yaml:7:11: error: the hint holds {{pay-within-days}}, which is no placeholder and would print as written; write {{pay_within_days}}',
      'p/pack.yaml:7:11: error: the hint holds {{}}, which is no placeholder and would print as written: a placeholder is a name of letters, digits and _ (it can name must_cover, pay_within_days)',
    ]);
  });
});

// A base pack whose rule names its parameters' values in words, and a pack that changes them.
const BASE_RULE = `id: expenses
title: Expenses
description: D
severity: required
citation: {document: D, section: S, quote: Q}
hint: Keep a policy that covers at least travel, and pay within {{pay_within_days}} days.
params:
  must_cover: [travel]
  pay_within_days: 30
check: {kind: claims-reimbursed, section: volunteer_expenses, must_cover: $must_cover, pay_within_days: $pay_within_days}
messages:
  no-policy: no policy
  not-covered: "the policy does not cover {{missing}}; it must cover {{must_cover}}"
  policy: "the policy covers {{covers}}"
  paid: "{{volunteer}} paid"
  paid-late: "{{volunteer}} was paid late; the limit is 30 days"
  pending: "{{volunteer}} pending"
  overdue: "{{volunteer}} overdue"
  undated: "{{volunteer}} undated"
  no-claims: no claims
`;
const stale = (overrides: string, extra: Record<string, string> = {}) =>
  packFolder({ 'base/pack.yaml': 'id: base\ntitle: B\nversion: "1"\n', 'base/expenses.yaml': BASE_RULE, 'ext/pack.yaml': `id: ext\ntitle: E\nversion: "1"\nextends: ../base\noverrides:\n  expenses:\n${overrides}`, ...extra });

describe('wording written for a value a pack has changed', () => {
  it('is a warning at the override, naming the rule, the parameter, the old value and the new, once, and the run goes on', async () => {
    const dir = stale('    params:\n      must_cover: [travel, lunch]\n      pay_within_days: 14\n');
    const warnings = [
      'ext/pack.yaml:8:19: warning: rule "expenses": its hint (from pack base) says "travel", the value of must_cover it was written for, but must_cover is travel, lunch here; override the hint, with {{must_cover}} in its place',
      'ext/pack.yaml:9:24: warning: rule "expenses": its message "paid-late" (from pack base) says "30", the value of pay_within_days it was written for, but pay_within_days is 14 here; its pack should write {{pay_within_days}} there',
    ];
    expect(compilePack(loadPack('./ext', dir)).warnings!.map(formatDiagnostic)).toEqual(warnings);
    const r = await runCli(['audit', examples, '--rules', './ext', '--format', 'json', '--fail-on', 'never'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(warnings.map((w) => `${w}\n`).join(''));
    expect(JSON.parse(r.stdout).summary.files).toBe(1);
  });

  it('is not given when the hint is overridden with the pack, or a placeholder names the value', () => {
    const dir = stale('    hint: Cover {{must_cover}}; pay within 30 days\n    params:\n      must_cover: [travel, lunch]\n');
    expect(compilePack(loadPack('./ext', dir)).warnings).toBeUndefined();
  });

  it("is given for a config's override too, at the config's line", async () => {
    const dir = stale('    severity: required\n', { 'involve.config.yaml': 'pack: ./ext\noverrides:\n  expenses:\n    params:\n      must_cover: [travel, childcare]\n' });
    const r = await runCli(['rules'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(
      'involve.config.yaml:5:19: warning: rule "expenses": its hint (from pack base) says "travel", the value of must_cover it was written for, but must_cover is travel, childcare here; override the hint, with {{must_cover}} in its place\n',
    );
  });

  it.each(shippedPackNames())('is not given by the shipped pack %s', (name) => {
    expect(compilePack(loadPack(name, process.cwd())).warnings).toBeUndefined();
  });
});

describe('a hint with a parameter', () => {
  it("names the thresholds of the file's own service type in every report of it", async () => {
    const pack = `${PACK}overrides:\n  expenses-reimbursed:\n    service_types:\n      criminal-justice:\n        params:\n          pay_within_days: 14\n`;
    const dir = packFolder({ 'p/pack.yaml': pack });
    cpSync(join(examples, '2026-Q3'), join(dir, 'returns'), { recursive: true });
    const file = join(dir, 'returns', 'smart-cjs.yaml');
    const text = readFileSync(file, 'utf8');
    const hintIn = async () => {
      const report = JSON.parse((await runCli(['audit', 'returns', '--rules', './p', '--format', 'json', '--fail-on', 'never', '--as-of', '2026-11-01'], { cwd: dir })).stdout) as Report;
      return [report.files[0]!.results.find((r) => r.rule === 'expenses-reimbursed')!.hint, report.rules.find((r) => r.id === 'expenses-reimbursed')!.hint];
    };
    const [treatment, rule] = await hintIn();
    expect(treatment).toBe(rule);
    expect(rule).toContain('within 30 days');
    writeFileSync(file, text.replace('  name: SMART Criminal Justice Service\n', '  name: SMART Criminal Justice Service\n  service_type: criminal-justice\n'));
    const [criminalJustice] = await hintIn();
    expect(criminalJustice).toBe(rule!.replace('within 30 days', 'within 14 days'));
  });
});

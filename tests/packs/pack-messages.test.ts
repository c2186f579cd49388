// Tests for the help a pack author and a commissioner get (issue 13, point 4): an unknown key names the keys allowed
// there and is never "ignored" when the run then stops; `__proto__` is a name like any other; an unknown `$param`
// is said once, with "did you mean".
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/diagnostic.ts';
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
      'p/pack.yaml:8:7: error: unknown field "link" in overrides.expenses-reimbursed.citation; allowed: document, section, quote, interpretation',
      'p/pack.yaml:9:7: error: unknown field "quot" in overrides.expenses-reimbursed.citation; did you mean "quote"? (allowed: document, section, quote, interpretation)',
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
});

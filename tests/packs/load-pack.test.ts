import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/diagnostic.ts';
import { compilePack } from '../../src/packs/compile-pack.ts';
import { loadPack, shippedPackNames } from '../../src/packs/load-pack.ts';
import { auditReport, examples, repo, runCli } from '../cli/run-cli.ts';
import { packFolder, problems } from './pack-folder.ts';

// A pack extending core with a register of one obligation, `a`, whose last lines are `extra`.
const register = (extra: string, wording = 'required') => ({
  'p/pack.yaml': 'id: p\ntitle: P\nversion: "1"\nextends: core\n',
  'p/obligations.yaml': `document: D\nobligations:\n  - id: a\n    section: S\n    words: W\n    wording: ${wording}\n${extra}`,
});

describe('rule packs', () => {
  it('ships core and the two seed policies', () => {
    expect(shippedPackNames()).toEqual(['core', 'nottingham-cdp-2015', 'oxfordshire-daat-2009']);
  });

  it('core has the five spec checks with the spec defaults, the personal-data guard and the attachments check', () => {
    const core = compilePack(loadPack('core', process.cwd()));
    expect(Object.fromEntries(core.rules.map((r) => [r.id, [r.severity, r.params]]))).toEqual({
      'charter-displayed': ['required', { max_check_age_days: 92, require_logged: false, require_explained: false }],
      'expenses-reimbursed': ['required', { must_cover: ['travel'], pay_within_days: 30 }],
      'involvement-lead-named': ['required', { placeholders: ['tbc', 'tba', 'tbd', 'to be confirmed', 'to be appointed', 'vacant', 'vacancy', 'n/a', 'na', 'none', 'unknown', 'nobody'] }],
      'ladder-rungs-evidenced': ['required', { required_rungs: [1, 2, 3, 4, 5], aspirational_rungs: [6, 7], window_months: 12, require_evidence: false }],
      'surveys-conducted': ['required', { kinds: ['satisfaction'], window_months: 3, min_count: 1, min_respondents: 1, feedback_grace_days: 28, require_evidence: false }],
      'no-personal-data': ['required', { phone_allowed_in: ['involvement_lead.contact', 'complaints.lead.contact'], references: ['volunteer_expenses.claims.volunteer'] }],
      'attachments-present': ['recommended', {}],
    });
  });

  it('Nottingham keeps only what its policy asks, as the spec pack table says', () => {
    const pack = compilePack(loadPack('nottingham-cdp-2015', process.cwd()));
    const by = Object.fromEntries(pack.rules.map((r) => [r.id, r]));
    expect([...pack.off].sort()).toEqual(['charter-displayed', 'involvement-lead-named']);
    expect(by['surveys-conducted']).toMatchObject({
      severity: 'required',
      params: { kinds: ['satisfaction', 'focus-group', 'consultation', 'feedback-box', 'interview-panel'], require_evidence: true },
    });
    expect(by['expenses-reimbursed']!.params.must_cover).toEqual(['travel']);
    expect(by['ladder-rungs-evidenced']!.params).toMatchObject({ required_rungs: [1, 2, 3, 4, 5], aspirational_rungs: [6, 7], require_evidence: true });
    expect(by['involvement-levels-evidenced']).toMatchObject({ severity: 'required', params: { levels: ['individual', 'service'], require_evidence: true } });
    expect(by['involvement-levels-supported']).toMatchObject({ severity: 'recommended', params: { levels: ['strategic', 'policy'] } });
    expect(by['views-sought-on-topics']).toMatchObject({ severity: 'required', params: { topics: ['treatment-experience', 'running', 'proposed-changes'], require_evidence: true } });
    expect(by['carers-involved']).toMatchObject({ severity: 'required', params: { stages: ['planning', 'development', 'delivery'] } });
    expect(pack.lineage).toEqual(['nottingham-cdp-2015', 'core']);
  });

  it('Oxfordshire reads the core checks its own way and adds its sections', () => {
    const pack = compilePack(loadPack('oxfordshire-daat-2009', process.cwd()));
    const by = Object.fromEntries(pack.rules.map((r) => [r.id, r]));
    expect(pack.off).toEqual(['ladder-rungs-evidenced']);
    expect(by['charter-displayed']!.params).toMatchObject({ require_logged: true, require_explained: true });
    expect(by['surveys-conducted']!.params).toMatchObject({ window_months: 6, require_evidence: true });
    expect(by['surveys-conducted']!.citation.interpretation).toMatch(/twice a year/);
    expect(by['expenses-reimbursed']!.params.must_cover).toEqual(['travel', 'lunch']);
    expect(by['involvement-lead-named']!.severity).toBe('required');
    for (const id of ['complaints-procedure-given', 'complaints-lead-named', 'advocacy-services-promoted', 'peer-mentors-supported', 'family-views-sought', 'care-plans-co-produced']) {
      expect(by[id], id).toBeDefined();
    }
    // The DAAT's own key action is no provider's rule (Strategic Objective 1, key action 7).
    expect(by['confidential-feedback-route']).toBeUndefined();
    expect(by['feedback-encouraged']!.severity).toBe('aspirational');
    expect(by['peer-mentors-supported']!.severity).toBe('required');
    for (const id of ['service-users-in-planning', 'service-users-in-evaluation']) expect(by[id]!.params.require_evidence, id).toBe(true);
    expect(by['advocacy-services-promoted']!.params.services).toEqual(['Oxfordshire User Team', 'The Alliance']);
  });

  it("fills a hint's placeholders with the pack's own parameters, so a pack that changes a threshold is told its own", () => {
    const hintOf = (pack: string) => compilePack(loadPack(pack, process.cwd())).rules.find((r) => r.id === 'surveys-conducted')!.hint;
    expect(hintOf('core')).toContain('must close in the 3 calendar months ending with the quarter');
    expect(hintOf('oxfordshire-daat-2009')).toContain('must close in the 6 calendar months ending with the quarter');
    expect(hintOf('nottingham-cdp-2015')).toContain('(kinds this pack counts: satisfaction, focus-group, consultation, feedback-box, interview-panel)');
  });

  it('a pack in a folder extends core, overrides a parameter and adds a rule, with no code', async () => {
    const dir = packFolder({
      'our-pack/pack.yaml': 'id: our-pack\ntitle: Our partnership\nversion: "1"\nextends: core\noverrides:\n  surveys-conducted:\n    params:\n      min_respondents: 50\n',
      'our-pack/forum-met-monthly.yaml': `id: forum-met-monthly
title: Service user forum met at least three times in the quarter
description: Three ladder activities at rung 4 in the quarter.
severity: recommended
citation: {document: Our contract (2026), section: "Schedule 2, 4.3", quote: "a service user forum meets monthly"}
hint: Hold the forum monthly and list each meeting under ladder at rung 4.
params: {meetings: 3}
check:
  kind: count-in-window
  list: ladder
  date_field: date
  window_months: 3
  at_least: $meetings
  where: [{field: rung, equals: 4}]
messages:
  missing: no ladder activities are listed
  too-few: "the forum met {{count}} times between {{window_start}} and {{window_end}}; {{meetings}} expected"
  counted: "{{activity}} ({{date}})"
`,
    });
    const r = await runCli(['audit', examples, '--rules', './our-pack', '--format', 'json'], { cwd: dir });
    expect(r.stderr).toBe('');
    const results = JSON.parse(r.stdout).files[0].results as { rule: string; status: string; message: string; pack: string }[];
    const forum = results.find((x) => x.rule === 'forum-met-monthly')!;
    expect(forum).toMatchObject({ status: 'fail', pack: 'our-pack', message: 'the forum met 1 times between 2026-07-01 and 2026-09-30; 3 expected' });
    expect(results.find((x) => x.rule === 'surveys-conducted')!.status).toBe('fail'); // 48 respondents < 50
    expect(r.status).toBe(1);
  });

  it.each([
    ['an unknown parameter, with did you mean', { 'p/pack.yaml': 'id: p\ntitle: P\nversion: "1"\nextends: core\noverrides:\n  surveys-conducted:\n    params:\n      window_month: 6\n' }, 'unknown-param', 8, 7],
    ['an override of a rule the pack lacks', { 'p/pack.yaml': 'id: p\ntitle: P\nversion: "1"\nextends: core\noverrides:\n  survey-conducted:\n    severity: off\n' }, 'unknown-rule', 6, 3],
    ['an unknown key in pack.yaml', { 'p/pack.yaml': 'id: p\ntitle: P\nversion: "1"\nextend: core\n' }, 'unknown-key', 4, 1],
    ['a rule whose id differs from its file name', { 'p/pack.yaml': 'id: p\ntitle: P\nversion: "1"\n', 'p/a-rule.yaml': 'id: b-rule\n' }, 'rule-id-mismatch', 1, 5],
    ['an unknown check kind', { 'p/pack.yaml': 'id: p\ntitle: P\nversion: "1"\n', 'p/r.yaml': 'id: r\ntitle: R\ndescription: D\nseverity: required\ncitation: {document: D, section: S, quote: Q}\nhint: H\ncheck:\n  kind: run-javascript\nmessages: {}\n' }, 'invalid-value', 8, 9],
    ['a $param the rule does not have', { 'p/pack.yaml': 'id: p\ntitle: P\nversion: "1"\n', 'p/r.yaml': 'id: r\ntitle: R\ndescription: D\nseverity: required\ncitation: {document: D, section: S, quote: Q}\nhint: H\ncheck:\n  kind: named-person\n  section: x\n  placeholders: $nope\nmessages: {}\n' }, 'unknown-param', 10, 17],
    ['a pack that extends itself in a cycle', { 'p/pack.yaml': 'id: p\ntitle: P\nversion: "1"\nextends: ../q\n', 'q/pack.yaml': 'id: q\ntitle: Q\nversion: "1"\nextends: ../p\n' }, 'pack-cycle', 1, 1],
    ['an unknown pack name', { 'p/pack.yaml': 'id: p\ntitle: P\nversion: "1"\nextends: cor\n' }, 'unknown-pack', 1, 1],
    ['an unknown key in obligations.yaml, with did you mean', register('    checkd_by: [charter-displayed]\n'), 'unknown-key', 7, 5],
    ['an obligation checked by a rule the pack lacks', register('    checked_by: [charter-display]\n'), 'unknown-rule', 7, 18],
    ['an obligation checked by a rule the pack turns off', { ...register('    checked_by: [charter-displayed]\n'), 'p/pack.yaml': 'id: p\ntitle: P\nversion: "1"\nextends: core\noverrides:\n  charter-displayed:\n    severity: off\n' }, 'unknown-rule', 7, 18],
    ['an obligation both checked and unchecked', register('    checked_by: [charter-displayed]\n    unchecked: commissioner-duty\n    why: W\n'), 'invalid-value', 8, 16],
    ['an obligation neither checked nor explained', register(''), 'invalid-value', 3, 9],
    ['an unchecked obligation that does not say why', register('    unchecked: declaration-only\n'), 'invalid-value', 7, 16],
    ['a wording that is not a severity', register('    checked_by: [charter-displayed]\n', 'must'), 'invalid-value', 6, 14],
    ['an obligation id used twice', register('    checked_by: [charter-displayed]\n  - {id: a, section: S, words: V, wording: required, checked_by: [surveys-conducted]}\n'), 'invalid-value', 8, 10],
  ])('rejects %s with a located error', (_, files, code, line, column) => {
    const dir = packFolder(files as Record<string, string>);
    const [first] = problems('./p', dir);
    expect(first).toMatchObject({ code, line, column });
    expect(first!.message).not.toContain('\n');
  });

  it('says in plain words what is wrong with a register, with did you mean', () => {
    const messages = (files: Record<string, string>) => problems('./p', packFolder(files)).map((d) => d.message);
    expect(messages(register('    checkd_by: [charter-displayed]\n'))[0]).toBe('unknown field "checkd_by" in obligations, item 1 ("a"); did you mean "checked_by"? (allowed: id, document, section, words, wording, checked_by, unchecked, why)');
    expect(messages(register('    checked_by: [charter-display]\n'))).toEqual(['obligation "a" is checked by rule "charter-display", which this pack does not have; did you mean "charter-displayed"?']);
    expect(messages(register('    unchecked: comissioner-duty\n    why: W\n'))).toEqual(['"unchecked" in obligations, item 1 ("a") must be one of commissioner-duty, named-service, declaration-only, got "comissioner-duty"; did you mean "commissioner-duty"?']);
    expect(messages(register(''))).toEqual(['"id" in obligations, item 1 ("a"): obligation "a" needs checked_by (the rules that check it), or unchecked and why']);
  });

  it('names the kind of file it reads in its YAML messages, never "evidence"', () => {
    const said = (files: Record<string, string>) => problems('./p', packFolder(files)).map(formatDiagnostic);
    expect(said({ 'p/pack.yaml': 'id: &p p\ntitle: P\nversion: "1"\n' })).toEqual(['p/pack.yaml:1:5: error: YAML anchors (&p) are not allowed in a rule pack; remove it']);
    expect(said({ 'p/pack.yaml': `id: p\ntitle: P\nversion: "1"\nx: ${'['.repeat(70)}${']'.repeat(70)}\n` })).toEqual([
      'p/pack.yaml:4:66: error: nesting is deeper than 64 levels; a pack.yaml needs fewer than 10',
    ]);
    expect(said({ 'p/pack.yaml': '# nothing yet\n' })).toEqual(['p/pack.yaml:1:1: error: the file is empty or holds only comments; expected the fields of a pack.yaml (id:, title:, version:, …)']);
    expect(said({ 'p/pack.yaml': 'id: p\ntitle: P\nversion: "1"\n', 'p/r.yaml': 'id: r\n---\nid: s\n' })).toEqual([
      'p/r.yaml:2:1: error: a second YAML document starts here; a rule file holds exactly one',
    ]);
    expect(said(register('    checked_by: !!str [charter-displayed]\n'))).toEqual(['p/obligations.yaml:7:17: error: YAML tags (!!str) are not allowed in a rule pack; remove the tag']);
    expect(said({ 'p/pack.yaml': '- id: p\n' })).toEqual(['p/pack.yaml:1:1: error: the file must be a mapping of fields (id:, title:, version:, …)']);
  });

  it('checks a pack file with a stray byte as far as it can, and names the byte', () => {
    const dir = packFolder({});
    mkdirSync(join(dir, 'p'));
    writeFileSync(join(dir, 'p', 'pack.yaml'), Buffer.concat([Buffer.from('id: p\ntitle: Caf'), Buffer.from([0xe9]), Buffer.from('\nversoin: "1"\n')]));
    expect(problems('./p', dir).map(formatDiagnostic)).toEqual([
      'p/pack.yaml:2:11: error: byte 0xE9 at line 2 is probably an é saved from Excel or Word: save the file as UTF-8',
      'p/pack.yaml:1:1: error: "version" is missing; expected text',
      'p/pack.yaml:3:1: error: unknown field "versoin"; did you mean "version"? (allowed: id, title, version, description, extends, rules, include, overrides, evidence)',
    ]);
  });

  const ruleOfKind = (kind: string) => `id: r\ntitle: R\ndescription: D\nseverity: required\ncitation: {document: D, section: S, quote: Q}\nhint: H\ncheck:\n  kind: ${kind}\nmessages: {}\n`;

  // Names every object inherits are not check kinds: each is an unknown kind like any other, not a crash.
  it.each(['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf'])('rejects check kind %s as an unknown kind, located', async (kind) => {
    const dir = packFolder({ 'p/pack.yaml': 'id: p\ntitle: P\nversion: "1"\n', 'p/r.yaml': ruleOfKind(kind) });
    expect(problems('./p', dir)).toEqual([
      expect.objectContaining({ code: 'invalid-value', line: 8, column: 9, message: expect.stringMatching(new RegExp(`^"check.kind" is "${kind}", which is not a check kind: use one of named-person, `)) }),
    ]);
    const r = await runCli(['audit', examples, '--rules', './p'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`p/r.yaml:8:9: error: "check.kind" is "${kind}", which is not a check kind`);
    expect(r.stderr).not.toMatch(/unexpected error|Cannot read/);
  });

  it('suggests the nearest check kind for a misspelt one', () => {
    const dir = packFolder({ 'p/pack.yaml': 'id: p\ntitle: P\nversion: "1"\n', 'p/r.yaml': ruleOfKind('name-person') });
    expect(problems('./p', dir)[0]!.message).toMatch(/which is not a check kind: use one of .* \(did you mean "named-person"\?\)$/);
  });

  it('rejects a rule defined again by a pack that extends its pack, with its own code', () => {
    const dir = packFolder({ 'p/pack.yaml': 'id: p\ntitle: P\nversion: "1"\nextends: core\n', 'p/surveys-conducted.yaml': ruleOfKind('named-person').replace('id: r', 'id: surveys-conducted') });
    expect(problems('./p', dir)).toEqual([
      { code: 'duplicate-rule', severity: 'error', message: 'rule "surveys-conducted" is already defined by pack "core"; change it with overrides in pack.yaml', file: 'p/surveys-conducted.yaml', line: 1, column: 5 },
    ]);
  });

  // What every object inherits is never a label (as a field path or a placeholder it is a load error:
  // tests/packs/field-paths.test.ts, tests/packs/check-messages.test.ts).
  it('finds no inherited name in the labels', async () => {
    const rule = (id: string, check: string, messages: string) => `id: ${id}\ntitle: T\ndescription: D\nseverity: required\ncitation: {document: D, section: S, quote: Q}\nhint: H\ncheck:\n${check}messages:\n${messages}`;
    const dir = packFolder({
      'p/pack.yaml': 'id: p\ntitle: P\nversion: "1"\n',
      'p/survey-constructor.yaml': rule('survey-constructor', '  kind: values-evidenced\n  list: surveys\n  field: title\n  date_field: to\n  window_months: 12\n  required: [constructor]\n  labels: {"1": Information}\n', '  missing-value: "no {{value}} ({{label}})"\n  evidenced: "{{label}}"\n'),
    });
    const report = await auditReport(join(repo, 'fixtures', 'sample', '2026-Q3', 'notts-cjs.yaml'), '--rules', join(dir, 'p'));
    const byRule = Object.fromEntries(report.files[0]!.results.map((r) => [r.rule, [r.status, r.message]]));
    expect(byRule).toEqual({
      'survey-constructor': ['fail', 'no constructor (constructor)'],
    });
  });

  it('never lets a pack pollute prototypes through overrides', () => {
    const dir = packFolder({ 'p/pack.yaml': 'id: p\ntitle: P\nversion: "1"\nextends: core\noverrides:\n  surveys-conducted:\n    params:\n      __proto__: {polluted: true}\n' });
    // zod's record drops a `__proto__` key before our merge sees it; either way nothing may be polluted.
    expect(problems('./p', dir).filter((d) => d.code !== 'unknown-param')).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(compilePack(loadPack('core', dir)).rules[0]!.params)).toBe(Object.prototype);
  });
});

// Reuse without copying (issue 13): `include` takes named rules from another pack, each as that pack runs it, and
// this pack's overrides apply after; a title can be overridden and a citation links to its document. The pack in
// fixtures/reuse is audited whole; each mistake in an include is one located line with "did you mean".
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/diagnostic.ts';
import { compilePack } from '../../src/packs/compile-pack.ts';
import { loadPack } from '../../src/packs/load-pack.ts';
import { auditReport, repo, runCli } from '../cli/run-cli.ts';
import { packFolder, problems } from './pack-folder.ts';

const fixtures = join(repo, 'fixtures', 'reuse');
const pack = join(fixtures, 'our-pack');
const returns = (name: string) => join(fixtures, 'returns', `${name}.yaml`);
const REUSED = ['peer-mentors-supported', 'advocacy-services-promoted', 'peer-forum-held'];

async function results(name: string) {
  const report = await auditReport(returns(name), '--rules', pack);
  expect(report.files[0]!.errors).toEqual([]);
  return Object.fromEntries(report.files[0]!.results.filter((r) => REUSED.includes(r.rule)).map((r) => [r.rule, r]));
}

describe('a pack that includes rules from a shipped pack', () => {
  const compiled = compilePack(loadPack(pack, repo));

  it("runs the extended pack's rules, then the included ones in the include's order, then its own", () => {
    expect(compiled.rules.map((r) => r.id)).toEqual([
      'involvement-lead-named', 'charter-displayed', 'surveys-conducted', 'expenses-reimbursed', 'ladder-rungs-evidenced', 'no-personal-data', 'attachments-present',
      ...REUSED,
    ]);
    expect(compiled.rules.find((r) => r.id === 'peer-mentors-supported')).toMatchObject({ definedIn: 'oxfordshire-daat-2009', includedFrom: 'oxfordshire-daat-2009', title: 'Peer mentors trained and supervised' });
  });

  it('applies its own overrides after those of the pack it takes the rule from', () => {
    const advocacy = compiled.rules.find((r) => r.id === 'advocacy-services-promoted')!;
    expect(advocacy.params).toEqual({ services: ['Nottingham Advocacy Service'] });
    // The hint names the parameter, so it is this pack's value that a provider reads.
    expect(advocacy.hint).toContain('Tell service users about each of Nottingham Advocacy Service');
  });

  it("takes a rule of the extended pack as that pack runs it, overrides and all", () => {
    const dir = packFolder({ 'p/pack.yaml': 'id: p\ntitle: P\nversion: "1"\ninclude:\n  - pack: oxfordshire-daat-2009\n    rules: [surveys-conducted]\n' });
    const surveys = compilePack(loadPack('./p', dir)).rules[0]!;
    expect(surveys).toMatchObject({ id: 'surveys-conducted', definedIn: 'core', includedFrom: 'oxfordshire-daat-2009', params: { window_months: 6, require_evidence: true } });
  });

  it('accepts an included rule as checking an obligation in its register', () => {
    expect(compiled.register?.obligations.map((o) => o.checked_by)).toEqual([['peer-forum-held'], ['peer-mentors-supported'], ['advocacy-services-promoted']]);
  });

  it('passes a return that meets all three', async () => {
    const r = await results('passes');
    expect(Object.values(r).map((x) => [x.rule, x.status])).toEqual(REUSED.map((id) => [id, 'pass']));
    expect(r['peer-mentors-supported']!.title).toBe('Peer mentors trained and supervised');
  });

  it('fails a return on each, with the included rules judged by this pack\'s reading', async () => {
    const r = await results('fails');
    expect(r['peer-mentors-supported']).toMatchObject({ status: 'fail', title: 'Peer mentors trained and supervised', message_id: 'no-supervision', line: 22, column: 3 });
    expect(r['advocacy-services-promoted']).toMatchObject({ status: 'fail', title: "Service users told about Nottingham's advocacy service", findings: [{ id: 'services-not-promoted', data: { missing: 'Nottingham Advocacy Service' } }] });
    expect(r['peer-forum-held']!.findings.map((f) => [f.id, f.data, f.line, f.column])).toEqual([
      ['not-evidenced', { field: 'evidence, date', label: 'Peer-led forum at the hub' }, 8, 5],
      ['only-a-leaflet', { field: 'activity', actual: 'Mutual aid leaflet in the waiting room', expected: 'leaflet', label: 'Mutual aid leaflet in the waiting room' }, 12, 5],
    ]);
  });
});

describe('citation.url', () => {
  const URL = 'https://example.org/oxfordshire-strategy-2009.pdf';
  const audit = (format: string) => runCli(['audit', returns('fails'), '--rules', pack, '--format', format, '--fail-on', 'never']);

  it('is in the JSON report, beside the rest of the citation', async () => {
    const r = await results('fails');
    expect(r['peer-mentors-supported']!.citation).toMatchObject({ section: '4.1 Peer Mentoring', url: URL });
    expect(r['advocacy-services-promoted']!.citation.url).toBeUndefined();
  });

  it('links the document in Markdown and HTML, and is the rule\'s helpUri in SARIF', async () => {
    expect((await audit('markdown')).stdout).toContain(`  - Policy: [Involving Service Users and Families: In the Commissioning, Planning and Development of Drug and Alcohol Treatment, An Oxfordshire Strategy 2009-2012](<${URL}>), section 4.1 Peer Mentoring`);
    expect((await audit('html')).stdout).toContain(`<strong>Policy:</strong> <a href="${URL}">Involving Service Users and Families`);
    const sarif = JSON.parse((await audit('sarif')).stdout);
    const rules = sarif.runs[0].tool.driver.rules as { id: string; helpUri?: string }[];
    expect(rules.find((r) => r.id === 'peer-mentors-supported')!.helpUri).toBe(URL);
    expect(rules.find((r) => r.id === 'advocacy-services-promoted')!.helpUri).toBeUndefined();
  });

  it('is shown by explain, with where an included rule comes from', async () => {
    const r = await runCli(['explain', 'peer-mentors-supported', '--rules', pack]);
    expect(r.stdout).toContain('peer-mentors-supported: Peer mentors trained and supervised\nSeverity in pack our-pack: required (rule included from pack oxfordshire-daat-2009, as it runs it)\n');
    expect(r.stdout).toContain(`  Peer mentors must be fully supported through structures available to paid staff including meetings, training, supervision and appraisal.\n  ${URL}\n`);
  });

  it('must be an http or https address', () => {
    const dir = packFolder({ 'p/pack.yaml': 'id: p\ntitle: P\nversion: "1"\nextends: core\noverrides:\n  charter-displayed:\n    citation: {url: "javascript:alert(1)"}\n' });
    expect(problems('./p', dir).map(formatDiagnostic)).toEqual([
      'p/pack.yaml:7:21: error: "overrides.charter-displayed.citation.url" must be a web address starting https:// or http://, such as https://example.org/policy.pdf, got "javascript:alert(1)"',
    ]);
  });
});

describe('a mistake in an include', () => {
  const HEAD = 'id: p\ntitle: P\nversion: "1"\nextends: core\ninclude:\n';
  const said = (files: Record<string, string>) => problems('./p', packFolder(files)).map(formatDiagnostic);

  it.each([
    ['an unknown pack, with did you mean', `${HEAD}  - pack: oxfordshire-daat-209\n    rules: [peer-mentors-supported]\n`,
      'p/pack.yaml:6:11: error: no rule pack "oxfordshire-daat-209": did you mean "oxfordshire-daat-2009"? Use one of core, nottingham-cdp-2015, oxfordshire-daat-2009, or a path to a folder holding pack.yaml'],
    ['a rule that pack does not run, with did you mean', `${HEAD}  - pack: oxfordshire-daat-2009\n    rules: [peer-mentor-supported]\n`,
      'p/pack.yaml:7:13: error: include takes rule "peer-mentor-supported" from pack "oxfordshire-daat-2009", which runs no such rule; did you mean "peer-mentors-supported"?'],
    ['a rule that pack turns off', `${HEAD}  - pack: nottingham-cdp-2015\n    rules: [charter-displayed]\n`,
      'p/pack.yaml:7:13: error: include takes rule "charter-displayed" from pack "nottingham-cdp-2015", which turns that rule off'],
    ['a rule extends already gives', `${HEAD}  - pack: oxfordshire-daat-2009\n    rules: [surveys-conducted]\n`,
      'p/pack.yaml:7:13: error: include takes rule "surveys-conducted", but this pack already has it through extends (from pack "core"); change it with overrides in pack.yaml'],
    ['a rule an earlier include takes', `${HEAD}  - pack: oxfordshire-daat-2009\n    rules: [peer-mentors-supported]\n  - pack: oxfordshire-daat-2009\n    rules: [complaints-lead-named, peer-mentors-supported]\n`,
      'p/pack.yaml:9:36: error: include takes rule "peer-mentors-supported", but an earlier include takes it from pack "oxfordshire-daat-2009"; change it with overrides in pack.yaml'],
  ])('%s', (_, packYaml, ...expected) => {
    expect(said({ 'p/pack.yaml': packYaml })).toEqual(expected);
  });

  it('lists the rules a pack runs when no name is near', () => {
    expect(said({ 'p/pack.yaml': `${HEAD}  - pack: core\n    rules: [zzz]\n` })).toEqual([
      'p/pack.yaml:7:13: error: include takes rule "zzz" from pack "core", which runs no such rule (its rules: involvement-lead-named, charter-displayed, surveys-conducted, expenses-reimbursed, ladder-rungs-evidenced, no-personal-data, attachments-present)',
    ]);
  });

  it('refuses a rule file of its own with the id of an included rule', () => {
    const own = readFileSync(join(repo, 'rules', 'oxfordshire-daat-2009', 'peer-mentors-supported.yaml'), 'utf8');
    expect(said({ 'p/pack.yaml': `${HEAD}  - pack: oxfordshire-daat-2009\n    rules: [peer-mentors-supported]\n`, 'p/peer-mentors-supported.yaml': own })).toEqual([
      'p/peer-mentors-supported.yaml:1:5: error: rule "peer-mentors-supported" is already included from pack "oxfordshire-daat-2009"; change it with overrides in pack.yaml',
    ]);
  });

  it('refuses packs that include from each other, at the include that closes the cycle', () => {
    const other = (id: string, from: string) => `id: ${id}\ntitle: T\nversion: "1"\ninclude:\n  - pack: ../${from}\n    rules: [r]\n`;
    expect(said({ 'p/pack.yaml': other('p', 'q'), 'q/pack.yaml': other('q', 'p') })).toEqual([
      'q/pack.yaml:5:11: error: rule packs include from or extend each other in a cycle: p → q → p',
    ]);
  });

  it('asks rules: to place the included rules too, when it orders the pack', () => {
    expect(said({ 'p/pack.yaml': `${HEAD}  - pack: core\n    rules: [involvement-lead-named]\nrules: []\n`.replace('extends: core\n', '') })).toEqual([
      'p/pack.yaml:7:1: error: "rules" in pack.yaml leaves out involvement-lead-named',
    ]);
  });
});

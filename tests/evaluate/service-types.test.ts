// Scope by service type (rules-and-reports.md): a rule skips some kinds of service with the policy's reason, or
// judges them by other parameters, keeping its id. Over fixtures/service-types/ (its README has the table).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import { evaluateFile } from '../../src/evaluate/evaluate-file.ts';
import { compilePack } from '../../src/packs/compile-pack.ts';
import { loadPack } from '../../src/packs/load-pack.ts';
import type { Evidence } from '../../src/validate/evidence-schema.ts';
import { auditReport, repo, runCli } from '../cli/run-cli.ts';
import { packFolder, problems } from '../packs/pack-folder.ts';

const fixture = join(repo, 'fixtures', 'service-types');
const report = await auditReport(join(fixture, '2026-Q3'));
const byProvider = Object.fromEntries(report.files.map((f) => [f.provider, f]));
const levels = (provider: string) => byProvider[provider]!.results.find((r) => r.rule === 'levels-evidenced')!;

describe('a rule scoped by service type', () => {
  it('skips a service type it does not apply to, with the policy’s reason, under its own id', () => {
    expect(levels('criminal-justice-service')).toMatchObject({
      rule: 'levels-evidenced',
      status: 'skip',
      message: 'The policy asks criminal justice services for involvement and consultation at a service level only, which its own rule checks.',
      findings: [expect.objectContaining({ status: 'skip', line: 5 })], // at provider.service_type
    });
    expect(byProvider['criminal-justice-service']!.status).toBe('green');
  });

  it('judges a treatment service, and a return that gives no service type, by the rule as it stands', () => {
    for (const provider of ['treatment-service', 'unlabelled-service']) {
      expect(levels(provider).status, provider).toBe('fail');
      expect(levels(provider).findings.map((f) => f.message), provider).toEqual(['individual', 'strategic', 'policy'].map((l) => `no involvement activity at the ${l} level in the quarter to 2026-09-30`));
    }
  });

  it('judges a service type by its own parameters, as the rule, the pack or the config sets them', () => {
    expect(levels('young-people-service').status).toBe('pass'); // the rule: the service level
    expect(levels('domestic-sexual-violence-service').status).toBe('pass'); // the config: the service level
    expect(levels('family-support-service')).toMatchObject({ status: 'fail', message: 'no involvement activity at the individual level in the quarter to 2026-09-30' }); // the pack
  });

  it('says which kind of service each file was judged as', () => {
    expect(Object.fromEntries(report.files.map((f) => [f.provider, f.service_type]))).toEqual({
      'criminal-justice-service': 'criminal-justice',
      'domestic-sexual-violence-service': 'domestic-sexual-violence',
      'family-support-service': 'family-support',
      'treatment-service': 'treatment',
      'unlabelled-service': 'treatment',
      'young-people-service': 'young-people',
    });
  });

  it('shows the kind of service and a skip’s reason to a reader', async () => {
    const file = join(fixture, '2026-Q3', 'criminal-justice-service.yaml');
    const table = await runCli(['audit', file], { columns: 200 });
    expect(table.stdout).toContain('judged as a criminal justice service');
    expect(table.stdout).toContain('The policy asks criminal justice services for involvement and consultation');
    const all = join(fixture, '2026-Q3');
    const markdown = await runCli(['audit', all, '--format', 'markdown', '--fail-on', 'never']);
    expect(markdown.stdout).toContain('judged as a family support service');
    const html = await runCli(['audit', all, '--format', 'html', '--fail-on', 'never']);
    expect(html.stdout).toContain('judged as a domestic and sexual violence service');
    expect(html.stdout).toMatch(/<h3>Not applicable<\/h3>\n<ul><li>Involvement at each level: The policy asks criminal justice services/);
  });

  it('explains a rule’s service types: which it skips and why, and the parameters that differ', async () => {
    const r = await runCli(['explain', 'levels-evidenced'], { cwd: fixture });
    expect(r.stdout).toContain(
      [
        'By kind of service (provider.service_type; the others as above)',
        '  criminal-justice: does not apply (The policy asks criminal justice services for involvement and consultation at a service level only, which its own rule checks.)',
        '  young-people: levels: service',
        '  family-support: levels: individual, service',
        '  domestic-sexual-violence: levels: service',
      ].join('\n'),
    );
  });

  it('lets a later override replace a service type’s entry: here the config judges criminal justice services after all', () => {
    const dir = packFolder({ 'involve.config.yaml': 'overrides:\n  levels-evidenced:\n    service_types:\n      criminal-justice: { params: { levels: [service, strategic] } }\n' });
    const pack = compilePack(loadPack(join(fixture, 'pack'), dir), loadConfig(join(dir, 'involve.config.yaml'), dir));
    const evidence = {
      format: 'involvement-evidence/1',
      provider: { id: 'cjs', name: 'CJS', service_type: 'criminal-justice' },
      period: '2026-Q3',
      submitted: { on: '2026-10-07', by: 'Sam' },
      involvement_levels: [{ level: 'service', activity: 'Forum', date: '2026-08-12' }],
    } satisfies Evidence;
    const [outcome] = evaluateFile(evidence, pack.rules);
    expect(outcome!.status).toBe('fail');
    expect(outcome!.findings.map((f) => f.message)).toEqual(['no involvement activity at the strategic level in the quarter to 2026-09-30']);
    // The file's own service type, unless the caller says which it is judged as.
    expect(evaluateFile(evidence, pack.rules, [], 'young-people')[0]!.status).toBe('pass');
  });
});

describe('a pack’s service types are checked when it loads', () => {
  const rule = (serviceTypes: string) => `id: r
title: R
description: D
severity: required
citation: {document: D, section: S, quote: Q}
hint: H
params: {levels: [individual, service]}
check:
  kind: values-evidenced
  list: involvement_levels
  field: level
  date_field: date
  window_months: 3
  required: $levels
messages: {missing-value: "no {{value}}", evidenced: "{{value}}"}
service_types:
${serviceTypes}`;

  it.each([
    ['a key that is not a service type, with did you mean', { 'p/pack.yaml': 'id: p\ntitle: P\nversion: "1"\n', 'p/r.yaml': rule('  young-peple: {skip: Not asked}\n') }, 'unknown-key', 17, 3, /^unknown key "young-peple" in service_types: use one of treatment, criminal-justice, young-people, family-support, domestic-sexual-violence; did you mean "young-people"\?$/],
    ['a key that is not a service type', { 'p/pack.yaml': 'id: p\ntitle: P\nversion: "1"\n', 'p/r.yaml': rule('  youth: {skip: Not asked}\n') }, 'unknown-key', 17, 3, /^unknown key "youth" in service_types: use one of treatment, .*, domestic-sexual-violence$/],
    ['the same in an override', { 'p/pack.yaml': 'id: p\ntitle: P\nversion: "1"\nextends: core\noverrides:\n  surveys-conducted:\n    service_types:\n      criminal-justise: {skip: Not asked}\n' }, 'unknown-key', 8, 7, /did you mean "criminal-justice"\?/],
    ['a parameter the rule does not have', { 'p/pack.yaml': 'id: p\ntitle: P\nversion: "1"\n', 'p/r.yaml': rule('  young-people: {params: {level: [service]}}\n') }, 'unknown-param', 17, 27, /rule "r" has no parameter "level"; did you mean "levels"\?/],
    ['a parameter of the wrong kind for the check', { 'p/pack.yaml': 'id: p\ntitle: P\nversion: "1"\n', 'p/r.yaml': rule('  young-people: {params: {levels: service}}\n') }, 'invalid-value', 17, 35, /^"service_types.young-people.params.levels" must be a list of text, as the rule's own parameter is; got text \("service"\)$/],
    ['both skip and params', { 'p/pack.yaml': 'id: p\ntitle: P\nversion: "1"\n', 'p/r.yaml': rule('  young-people: {skip: Not asked, params: {levels: [service]}}\n') }, 'invalid-value', 17, 17, /either skip .* or params, not both/],
  ])('rejects %s with a located error', (_, files, code, line, column, message) => {
    const found = problems('./p', packFolder(files));
    expect(found).toEqual([expect.objectContaining({ code, severity: 'error', line, column, message: expect.stringMatching(message) })]);
  });

  it('accepts every service type as a key', () => {
    const scoped = ['treatment', 'criminal-justice', 'young-people', 'family-support', 'domestic-sexual-violence'].map((t) => `  ${t}: {params: {levels: [service]}}\n`).join('');
    expect(problems('./p', packFolder({ 'p/pack.yaml': 'id: p\ntitle: P\nversion: "1"\n', 'p/r.yaml': rule(scoped) }))).toEqual([]);
  });
});

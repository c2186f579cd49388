// Rules change; verdicts keep their date: every report names the pack's version and the hash of its compiled
// rules, a rule not yet in force gives `skip`, and a comparison with a report judged by other rules says so.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compilePack } from '../../src/packs/compile-pack.ts';
import { loadPack, PackError } from '../../src/packs/load-pack.ts';
import { canonicalJson, packHash } from '../../src/packs/pack-hash.ts';
import { formats } from '../../src/report/formats/index.ts';
import type { Report } from '../../src/report/model.ts';
import { auditReport, examples, repo, runCli } from '../cli/run-cli.ts';
import { packFolder as folder } from '../packs/pack-folder.ts';

const example = join(examples, '2026-Q3', 'smart-cjs.yaml');
const render = async (format: keyof typeof formats, report: Report) => (await formats[format]())(report, { color: 0, width: 120 });

describe('the pack version and hash', () => {
  it('is 12 hex digits of the compiled rules, the same however their keys were ordered', () => {
    const core = compilePack(loadPack('core', repo));
    expect(core.version).toBe('2026-12');
    expect(core.hash).toMatch(/^[0-9a-f]{12}$/);
    expect(core.hash).toBe(packHash(core.rules));
    expect(canonicalJson({ b: [1, { d: undefined, c: 'x' }], a: null })).toBe('{"a":null,"b":[1,{"c":"x"}]}');
    expect(packHash([{ b: 1, a: 2 }])).toBe(packHash([{ a: 2, b: 1 }]));
    expect(packHash([{ a: 1 }])).not.toBe(packHash([{ a: 2 }]));
  });

  it('changes with a config override, and names the pack version in the report', async () => {
    const shipped = await auditReport(example, '--no-config');
    const dir = folder({ 'involve.config.yaml': 'overrides:\n  surveys-conducted:\n    params:\n      min_respondents: 2\n' });
    const overridden = await auditReport(example, '--config', join(dir, 'involve.config.yaml'));
    expect(shipped.pack).toEqual({ id: 'core', title: 'Core involvement checks', lineage: ['core'], version: '2026-12', hash: compilePack(loadPack('core', repo)).hash });
    expect(overridden.pack.version).toBe('2026-12');
    expect(overridden.pack.hash).not.toBe(shipped.pack.hash);
  });

  it('is required in every pack.yaml, with a located error', () => {
    const dir = folder({ 'p/pack.yaml': 'id: p\ntitle: P\nextends: core\n' });
    try {
      loadPack('./p', dir);
      expect.unreachable();
    } catch (error) {
      expect((error as PackError).diagnostics).toEqual([
        { code: 'missing-field', severity: 'error', message: '"version" is missing; expected text', file: 'p/pack.yaml', line: 1, column: 1, path: ['version'] },
      ]);
    }
  });

  it('is in the header of every format', async () => {
    const report = await auditReport(example, '--no-config');
    const { version, hash } = report.pack;
    expect(version).toBe('2026-12');
    const said = `version 2026-12 (hash ${hash})`;
    expect((await render('table', report)).split('\n')[0]).toBe(`Involvement audit · pack core (Core involvement checks), ${said}`);
    expect((await render('markdown', report)).split('\n')[2]).toBe(`1 return audited against the core rule pack, ${said}, by involve ${report.tool.version}, as of ${report.as_of}.`);
    expect(await render('html', report)).toContain(`<header><h1>Involvement audit: Core involvement checks, 2026-Q3</h1><p>1 return audited against the rule pack Core involvement checks (core), ${said}, as of`);
    const junit = await render('junit', report);
    expect(junit).toContain('<property name="pack_version" value="2026-12"/>');
    expect(junit).toContain(`<property name="pack_hash" value="${hash}"/>`);
    const sarif = JSON.parse(await render('sarif', report));
    expect(sarif.runs[0].properties.pack).toMatchObject({ id: 'core', version: '2026-12', hash });
    expect((await render('github', report)).split('\n').at(-1)).toMatch(new RegExp(`^involve: 1 file audited against pack core version 2026-12 \\(hash ${hash}\\): `));
    expect(JSON.parse(await render('json', report)).pack).toMatchObject({ version: '2026-12', hash });
  });
});

describe('effective_from', () => {
  const rule = (from: string) => `id: forum-met
title: Forum met
description: D
severity: required
effective_from: ${from}
citation: {document: D, section: S, quote: Q}
hint: H
check:
  kind: count-in-window
  list: ladder
  date_field: date
  window_months: 3
  where: [{field: rung, equals: 4}]
  at_least: 5
messages:
  missing: none listed
  too-few: "{{count}} meetings"
  counted: "{{activity}}"
`;
  const statusOf = (report: Report, id: string) => {
    const r = report.files[0]!.results.find((x) => x.rule === id)!;
    return { status: r.status, message: r.message, line: r.line };
  };

  // The example return is for 2026-Q3; its period is on line 7.
  it.each([
    ['2026-Q4', { status: 'skip', message: 'in force from 2026-Q4', line: 7 }],
    ['2026-Q3', { status: 'fail', message: '1 meetings' }],
    ['2025-Q1', { status: 'fail', message: '1 meetings' }],
  ])('on a rule: from %s, a 2026-Q3 return gives %o', async (from, expected) => {
    const dir = folder({ 'p/pack.yaml': 'id: p\ntitle: P\nversion: "1"\n', 'p/forum-met.yaml': rule(from) });
    expect(statusOf(await auditReport(example, '--rules', join(dir, 'p'), '--no-config'), 'forum-met')).toMatchObject(expected);
  });

  it('on a pack override and a config override: the last one set holds, and the report lists it', async () => {
    const dir = folder({
      'p/pack.yaml': 'id: p\ntitle: P\nversion: "1"\nextends: core\noverrides:\n  surveys-conducted:\n    effective_from: 2027-Q1\n',
      'later.yaml': 'pack: ./p\noverrides:\n  charter-displayed:\n    effective_from: 2026-Q4\n  surveys-conducted:\n    effective_from: 2026-Q3\n',
    });
    const byPack = await auditReport(example, '--rules', join(dir, 'p'), '--no-config');
    expect(statusOf(byPack, 'surveys-conducted')).toEqual({ status: 'skip', message: 'in force from 2027-Q1', line: 7 });
    expect(byPack.rules.find((r) => r.id === 'surveys-conducted')!.effective_from).toBe('2027-Q1');
    const byConfig = await auditReport(example, '--config', join(dir, 'later.yaml'));
    expect(statusOf(byConfig, 'charter-displayed')).toEqual({ status: 'skip', message: 'in force from 2026-Q4', line: 7 });
    expect(statusOf(byConfig, 'surveys-conducted').status).toBe('pass');
  });

  it('is a calendar quarter, or a located error', async () => {
    const dir = folder({ 'involve.config.yaml': 'overrides:\n  surveys-conducted:\n    effective_from: 2027-q1\n' });
    const r = await runCli(['audit', example, '--config', join(dir, 'involve.config.yaml')], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('involve.config.yaml:3:21: error: "overrides.surveys-conducted.effective_from" must be a calendar quarter such as 2027-Q1, got "2027-q1"');
  });

  it('is shown by involve explain', async () => {
    const dir = folder({ 'involve.config.yaml': 'overrides:\n  surveys-conducted:\n    effective_from: 2027-Q1\n' });
    const r = await runCli(['explain', 'surveys-conducted', '--config', join(dir, 'involve.config.yaml')]);
    expect(r.stdout.split('\n')[2]).toBe('In force from 2027-Q1: earlier returns are not judged by it (skip)');
  });
});

describe('a comparison with a report judged by another pack', () => {
  const q2 = join(repo, 'fixtures', 'sample', '2026-Q2');
  const q3 = join(repo, 'fixtures', 'sample', '2026-Q3');

  async function savedQ2(change: (report: Record<string, unknown> & { pack: Record<string, unknown> }) => void): Promise<string> {
    const report = structuredClone(await auditReport(q2, '--no-config', '--as-of', '2026-11-01')) as unknown as Record<string, unknown> & { pack: Record<string, unknown> };
    change(report);
    const file = join(mkdtempSync(join(tmpdir(), 'involve-previous-')), 'q2.json');
    writeFileSync(file, JSON.stringify(report));
    return file;
  }

  it('says nothing when the pack, its version and its hash are the same, and names the pack it was judged by', async () => {
    const saved = await savedQ2(() => {});
    const report = await auditReport(q3, '--previous', saved, '--no-config', '--as-of', '2026-11-01');
    expect(report.changes!.previous.pack).toEqual({ id: 'core', version: '2026-12', hash: report.pack.hash });
    expect(report.changes!.previous.note).toBeUndefined();
    const evidence = await auditReport(q3, '--previous', q2, '--no-config', '--as-of', '2026-11-01');
    expect(evidence.changes!.previous).toMatchObject({ pack: { id: 'core', version: '2026-12', hash: report.pack.hash } });
    expect(evidence.changes!.previous.note).toBeUndefined();
  });

  it('says so in the changes, and the table, Markdown and HTML show it', async () => {
    const saved = await savedQ2((r) => {
      r.pack = { ...r.pack, id: 'oxfordshire-daat-2009', version: '2026-06', hash: '0123456789ab' };
    });
    const report = await auditReport(q3, '--previous', saved, '--no-config', '--as-of', '2026-11-01');
    const note = `last quarter's report was judged by pack oxfordshire-daat-2009 version 2026-06 (hash 0123456789ab), this report by pack core version 2026-12 (hash ${report.pack.hash}); rules may differ`;
    expect(report.changes!.previous).toMatchObject({ pack: { id: 'oxfordshire-daat-2009', version: '2026-06', hash: '0123456789ab' }, note });
    expect((await render('table', report)).replace(/\n +/g, ' ')).toContain(`(compared with ${saved.split('\\').join('/')}) Note: ${note}`);
    expect(await render('markdown', report)).toContain(`\n**Note:** last quarter's report was judged by pack oxfordshire-daat-2009 version 2026-06 (hash 0123456789ab), this report by pack core version 2026-12 (hash ${report.pack.hash}); rules may differ.\n`);
    expect(await render('html', report)).toContain(`<p><strong>Note:</strong> last quarter&#39;s report was judged by pack oxfordshire-daat-2009 version 2026-06 (hash 0123456789ab), this report by pack core version 2026-12 (hash ${report.pack.hash}); rules may differ.</p>`);
  });

  it.each([
    ['another hash alone', (r: { pack: Record<string, unknown> }) => void (r.pack.hash = 'ffffffffffff'), "last quarter's report was judged by pack core version 2026-12 (hash ffffffffffff), this report by pack core version 2026-12 (hash HASH); rules may differ"],
    ['no version recorded', (r: { pack: Record<string, unknown> }) => void (r.pack = { id: 'core', title: 'Core' }), "last quarter's report was judged by pack core (no version recorded), this report by pack core version 2026-12 (hash HASH); rules may differ"],
    ['no pack at all', (r: Record<string, unknown>) => void delete r.pack, "last quarter's report does not say which rule pack judged it; rules may differ"],
  ])('says so for %s', async (_, change, note) => {
    const saved = await savedQ2(change as (r: Record<string, unknown> & { pack: Record<string, unknown> }) => void);
    const report = await auditReport(q3, '--previous', saved, '--no-config', '--as-of', '2026-11-01');
    expect(report.changes!.previous.note).toBe(note.replace('HASH', report.pack.hash));
  });
});

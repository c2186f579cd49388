import { beforeAll, describe, expect, it } from 'vitest';
import { toDay } from '../../src/evaluate/calendar.ts';
import { compilePack, type CompiledPack } from '../../src/packs/compile-pack.ts';
import { loadPack } from '../../src/packs/load-pack.ts';
import { fileEntry, ReportBuilder, statusOf, summarise } from '../../src/report/build-report.ts';
import type { FileReport, RuleResult } from '../../src/report/model.ts';
import { auditReport, repo } from '../cli/run-cli.ts';

const result = (severity: RuleResult['severity'], status: RuleResult['status']) => ({ severity, status }) as RuleResult;

describe('a file status', () => {
  it.each([
    [[], 'green'],
    [[result('required', 'pass'), result('aspirational', 'info')], 'green'],
    [[result('required', 'skip')], 'green'],
    [[result('recommended', 'fail')], 'amber'],
    [[result('required', 'warn')], 'amber'],
    [[result('recommended', 'warn')], 'amber'],
    [[result('required', 'fail'), result('recommended', 'fail')], 'red'],
    [[result('required', 'fail'), result('required', 'warn')], 'red'],
  ] as const)('%j → %s', (results, status) => {
    expect(statusOf(results as unknown as RuleResult[])).toBe(status);
  });

  it('counts files by status', () => {
    const files = ['red', 'green', 'invalid', 'green', 'amber'].map((status) => ({ status, results: [] }) as unknown as FileReport);
    expect(summarise(files)).toEqual({ files: 5, red: 1, amber: 1, green: 2, invalid: 1, waived: 0, missing: 0 });
  });
});

describe('the report builder', () => {
  const waiver = { reason: 'Interim cover agreed', approved_by: 'A. Commissioner', expires: '2026-12-31' };
  const context = {
    version: 'test',
    period: '2026-Q3',
    asOf: toDay('2026-11-01'),
    waivers: [
      { provider: 'oxford-alcohol-liaison', rule: 'involvement-lead-named', ...waiver },
      { provider: 'oxford-alcohol-liaison', rule: 'involvement-lead-named', period: '2026-Q2', ...waiver },
      { provider: 'notts-cjs', rule: 'charter-displayed', ...waiver },
      { provider: 'nobody', rule: 'charter-displayed', ...waiver },
    ],
  };
  // Both quarters, as audited: --period keeps 2026-Q3.
  let audited: FileReport[];
  let pack: CompiledPack;
  beforeAll(async () => {
    audited = (await auditReport('fixtures/sample')).files;
    pack = compilePack(loadPack('core', repo));
  });

  it('applies each waiver once, keeps only the quarter asked for, and counts what it keeps', () => {
    const builder = new ReportBuilder(pack, context);
    for (const file of audited) builder.add(file);
    const report = builder.finish();
    expect(report.files.map((f) => f.period)).toEqual(audited.filter((f) => f.period === '2026-Q3').map(() => '2026-Q3'));
    const lead = report.files.find((f) => f.provider === 'oxford-alcohol-liaison')!.results.find((r) => r.rule === 'involvement-lead-named')!;
    expect(lead).toMatchObject({ status: 'waived', waiver: { ...waiver, lapsed: false } });
    expect(report.summary).toEqual({ ...summarise(report.files), waived: 1 });
    // The provider's 2026-Q2 waiver names a quarter --period left out; nobody's waiver is no business of this report.
    expect(report.waivers.map((w) => [w.provider, w.state, w.report_periods])).toEqual([
      ['oxford-alcohol-liaison', 'applied', undefined],
      ['oxford-alcohol-liaison', 'other-period', ['2026-Q3']],
      ['notts-cjs', 'stale', undefined],
    ]);
    // The files as audited are left as they were.
    expect(audited.find((f) => f.provider === 'oxford-alcohol-liaison' && f.period === '2026-Q3')!.results.some((r) => r.status === 'waived')).toBe(false);
  });

  it('builds the same report from files written out as they came, by their briefs alone, without the files', () => {
    const whole = new ReportBuilder(pack, context);
    const streamed = new ReportBuilder(pack, context);
    for (const file of audited) {
      whole.add(file);
      const entry = fileEntry(file, context);
      if (entry) streamed.count(entry.brief);
    }
    const report = whole.finish();
    expect(report.files.length).toBeGreaterThan(0);
    expect(streamed.finish()).toEqual({ ...report, files: [] });
    expect(Object.keys(report).slice(0, Object.keys(streamed.head).length)).toEqual(Object.keys(streamed.head));
  });

  it('shows last quarter first in the history, and compares this quarter’s files as audited, before waivers', () => {
    const [q2, q3] = ['2026-Q2', '2026-Q3'].map((p) => audited.filter((f) => f.period === p));
    const builder = new ReportBuilder(pack, { ...context, previous: { files: q2!, source: 'fixtures/sample/2026-Q2' } });
    for (const file of q3!) builder.add(file);
    const report = builder.finish();
    expect(report.history.periods).toEqual(['2026-Q2', '2026-Q3']);
    // Evidence of last quarter is judged by this run's pack, so nothing differs to note.
    expect(report.changes!.previous).toEqual({ source: 'fixtures/sample/2026-Q2', summary: summarise(q2!), pack: { id: pack.id, version: pack.version, hash: pack.hash } });
    // Waived in the report, still failing in the comparison: a waiver does not mend the evidence.
    const lead = report.changes!.rules.find((r) => r.provider === 'oxford-alcohol-liaison' && r.rule === 'involvement-lead-named');
    expect(lead?.current).toBe('fail');
  });
});

describe('results with message ids and data', () => {
  const resultOf = async (file: string, rule: string, pack = 'core') =>
    (await auditReport(`${repo}/fixtures/rules/${file}`, '--rules', pack)).files[0]!.results.find((r) => r.rule === rule)!;

  it("headline a failing result with its finding's id; each note has its id, message, data and position", async () => {
    const r = await resultOf('charter-displayed/fail-one-room-short.yaml', 'charter-displayed');
    expect(r.message_id).toBe('room-short');
    expect(r.findings).toEqual([
      {
        status: 'fail',
        id: 'room-short',
        message: 'Oxford hub: the charter is displayed in 5 of the 6 rooms used by service users',
        data: { field: 'rooms_displaying_charter', actual: 5, expected: 6, label: 'Oxford hub' },
        line: 15,
        column: 7,
      },
    ]);
    expect(r.evidence.map((n) => n.id)).toEqual(['item-pass']);
  });

  it('headline a passing result with its first evidence, and a skipped one with its reason', async () => {
    expect((await resultOf('charter-displayed/pass-all-rooms.yaml', 'charter-displayed')).message_id).toBe('pass');
    const skipped = await resultOf('peer-mentors-supported/skip-no-scheme-active-0.yaml', 'peer-mentors-supported', 'oxfordshire-daat-2009');
    expect(skipped).toMatchObject({ status: 'skip', message_id: 'skip', findings: [{ id: 'skip', data: { field: 'peer_mentors.active', actual: 0 } }] });
  });
});

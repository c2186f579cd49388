import { copyFileSync, cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { FORMAT_NAMES } from '../../src/report/formats/index.ts';
import type { Report } from '../../src/report/model.ts';
import { repo, runCli } from '../cli/run-cli.ts';

/** A repository holding the Q3 sample (oxford-alcohol-liaison is red: its lead is "TBC") and a config with `waivers`. */
function repository(waivers: string): string {
  const root = mkdtempSync(join(tmpdir(), 'involve-waive-'));
  cpSync(join(repo, 'fixtures/sample/2026-Q3'), join(root, '2026-Q3'), { recursive: true });
  writeFileSync(join(root, 'involve.config.yaml'), `waivers:\n${waivers}`);
  return root;
}

const leadWaiver = (expires: string, extra = '') => `  - provider: oxford-alcohol-liaison
    rule: involvement-lead-named
    reason: Lead left in August; interim cover agreed at the September review
    approved_by: A. Commissioner, Oxfordshire DAAT
    expires: ${expires}
${extra}`;

async function audit(root: string, asOf: string, env: Record<string, string> = {}) {
  const r = await runCli(['audit', '2026-Q3', '--format', 'json', '--as-of', asOf], { cwd: root, env });
  return JSON.parse(r.stdout) as Report;
}

const lead = (report: Report) => report.files.find((f) => f.provider === 'oxford-alcohol-liaison')!;

describe('waivers', () => {
  it('turn a failure into "waived", with the reason, and it no longer counts towards red', async () => {
    const report = await audit(repository(leadWaiver('2026-12-31')), '2026-11-24');
    const file = lead(report);
    const result = file.results.find((r) => r.rule === 'involvement-lead-named')!;
    expect(result).toMatchObject({ status: 'waived', waiver: { reason: expect.stringContaining('interim cover'), approved_by: 'A. Commissioner, Oxfordshire DAAT', expires: '2026-12-31', lapsed: false } });
    expect(file.status).toBe('green');
    expect(report.summary).toMatchObject({ red: 2, waived: 1 });
    expect(report.waivers).toEqual([expect.objectContaining({ provider: 'oxford-alcohol-liaison', state: 'applied' })]);
  });

  // Expiry is where comparable tools break: a date parsed as UTC midnight and compared with local time is a
  // day out for half the world. Day before, the day itself, the day after, in zones either side of UTC.
  describe.each(['Europe/London', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Kolkata'])('in %s', (zone) => {
    it.each([
      ['2026-12-30', 'waived', 'applied'],
      ['2026-12-31', 'waived', 'applied'],
      ['2027-01-01', 'fail', 'lapsed'],
    ])('as at %s the result is %s', async (asOf, status, state) => {
      const before = process.env.TZ;
      process.env.TZ = zone;
      try {
        const report = await audit(repository(leadWaiver('2026-12-31')), asOf);
        const result = lead(report).results.find((r) => r.rule === 'involvement-lead-named')!;
        expect(result.status).toBe(status);
        expect(result.waiver!.lapsed).toBe(state === 'lapsed');
        expect(lead(report).status).toBe(status === 'waived' ? 'green' : 'red');
        expect(report.waivers[0]!.state).toBe(state);
      } finally {
        if (before === undefined) delete process.env.TZ;
        else process.env.TZ = before;
      }
    });
  });

  it("without --as-of, are judged as at today's date in London, wherever the audit runs", async () => {
    const root = repository(leadWaiver('2027-06-30'));
    const before = process.env.TZ;
    vi.useFakeTimers({ toFake: ['Date'] });
    // 23:30 UTC on the waiver's last day is already 1 July in London (summer time), still 30 June in UTC and in
    // Los Angeles, and 1 July in Kiritimati (UTC+14): only London's calendar gives 1 July in both zones.
    vi.setSystemTime(new Date('2027-06-30T23:30:00Z'));
    try {
      const at = async (zone: string) => {
        process.env.TZ = zone;
        const report = JSON.parse((await runCli(['audit', '2026-Q3', '--format', 'json'], { cwd: root })).stdout) as Report;
        return [report.as_of, report.waivers[0]!.state];
      };
      expect(await at('America/Los_Angeles')).toEqual(['2027-07-01', 'lapsed']);
      expect(await at('Pacific/Kiritimati')).toEqual(['2027-07-01', 'lapsed']);
    } finally {
      vi.useRealTimers();
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });

  it('report a waiver that matches no failing result as stale, and leave out one for a provider the report does not cover', async () => {
    const report = await audit(
      repository(`${leadWaiver('2026-12-31')}  - {provider: oxon-adult-recovery, rule: charter-displayed, reason: Refit, approved_by: A. C., expires: 2026-12-31}
  - {provider: notts-street-outreach, rule: charter-displayed, reason: Closed, approved_by: A. C., expires: 2026-12-31}
`),
      '2026-11-24',
    );
    expect(report.waivers.map((w) => [w.provider, w.state])).toEqual([
      ['oxford-alcohol-liaison', 'applied'],
      ['oxon-adult-recovery', 'stale'],
    ]);
    expect(JSON.stringify(report)).not.toContain('notts-street-outreach');
  });

  it('with a period, hold for that quarter only', async () => {
    const report = await audit(repository(leadWaiver('2026-12-31', '    period: 2026-Q2\n')), '2026-11-24');
    expect(lead(report).results.find((r) => r.rule === 'involvement-lead-named')!.status).toBe('fail');
    // The provider was audited, for another quarter than the waiver's.
    expect(report.waivers).toEqual([expect.objectContaining({ period: '2026-Q2', state: 'other-period', report_periods: ['2026-Q3'] })]);
  });

  it('show in the table report, lapsed ones too', async () => {
    const root = repository(leadWaiver('2026-10-31'));
    const table = (await runCli(['audit', '2026-Q3', '--as-of', '2026-11-24'], { cwd: root })).stdout;
    expect(table).toContain('Waiver lapsed on 2026-10-31: Lead left in August');
    expect(table).toContain('Waivers (as at 2026-11-24): 0 applied, 1 lapsed, 0 stale');
  });

  it('refuse an impossible --as-of date', async () => {
    const r = await runCli(['audit', 'fixtures/sample/2026-Q3', '--as-of', '2026-02-30']);
    expect(r.status).toBe(2);
  });
});

describe('financial-year labels', () => {
  it('label 2026-Q3 as "Q2 2026/27" with year_start: april, keeping calendar quarters in the data', async () => {
    const root = mkdtempSync(join(tmpdir(), 'involve-fy-'));
    cpSync(join(repo, 'fixtures/sample'), root, { recursive: true });
    writeFileSync(join(root, 'involve.config.yaml'), 'year_start: april\n');
    const r = await runCli(['audit', '.', '--format', 'json'], { cwd: root });
    const report = JSON.parse(r.stdout) as Report;
    expect(report.period_labels).toEqual({ '2025-Q4': 'Q3 2025/26', '2026-Q1': 'Q4 2025/26', '2026-Q2': 'Q1 2026/27', '2026-Q3': 'Q2 2026/27' });
    expect(report.files[0]!.period).toBe('2025-Q4');
    const table = (await runCli(['audit', '.'], { cwd: root })).stdout;
    expect(table).toContain('│ Q2 2026/27 │');
  });

  it('put January to March in the financial year that began the April before', async () => {
    const { labelPeriod } = await import('../../src/report/build-report.ts');
    expect(['2027-Q1', '2026-Q2', '2026-Q3', '2026-Q4'].map((p) => labelPeriod(p, 'april'))).toEqual(['Q4 2026/27', 'Q1 2026/27', 'Q2 2026/27', 'Q3 2026/27']);
    expect(labelPeriod('2099-Q1', 'april')).toBe('Q4 2098/99');
    expect(labelPeriod('2026-Q3', 'january')).toBe('2026-Q3');
  });
});

describe('waivers in the CI formats', () => {
  it('show a lapsed waiver in GitHub annotations and SARIF', async () => {
    const root = repository(leadWaiver('2026-10-31'));
    const github = (await runCli(['audit', '2026-Q3', '--format', 'github', '--as-of', '2026-11-24'], { cwd: root })).stdout;
    expect(github).toContain('::notice title=waiver lapsed%3A oxford-alcohol-liaison involvement-lead-named::Lapsed: the failure stands (expires 2026-10-31). Lead left in August;');
    const sarif = JSON.parse((await runCli(['audit', '2026-Q3', '--format', 'sarif', '--as-of', '2026-11-24'], { cwd: root })).stdout);
    expect(sarif.runs[0].properties.waivers[0]).toMatchObject({ state: 'lapsed' });
  });

  it('carry a waived result into SARIF as a suppression with its reason', async () => {
    const root = repository(leadWaiver('2026-12-31'));
    const sarif = JSON.parse((await runCli(['audit', '2026-Q3', '--format', 'sarif', '--as-of', '2026-11-24'], { cwd: root })).stdout);
    const result = sarif.runs[0].results.find((r: { ruleId: string; properties: { provider: string } }) => r.ruleId === 'involvement-lead-named' && r.properties.provider === 'oxford-alcohol-liaison');
    expect(result.suppressions[0]).toMatchObject({ kind: 'external', justification: expect.stringContaining('interim cover') });
  });
});

describe('waivers in a report about some providers only', () => {
  // The brief's case: one provider's return, audited with a config holding every provider's waivers.
  const root = () =>
    repository(`${leadWaiver('2026-12-31')}  - {provider: oxon-young-people, rule: expenses-reimbursed, period: 2026-Q2, reason: Finance system migration, approved_by: A. C., expires: 2026-12-31}
`);

  it.each(FORMAT_NAMES)('leave out another provider’s waiver and its reason in %s', async (format) => {
    const r = await runCli(['audit', '2026-Q3/oxon-young-people.yaml', '--format', format, '--as-of', '2026-11-24'], { cwd: root() });
    expect(r.stdout).not.toMatch(/oxford-alcohol-liaison|Lead left in August|interim cover/);
  });

  it.each([
    ['table', ' oxon-young-people · expenses-reimbursed (2026-Q2), expires 2026-12-31: For 2026-Q2; this report covers 2026-Q3'],
    ['markdown', '| For 2026-Q2; this report covers 2026-Q3 |'],
    ['html', '<td>For 2026-Q2; this report covers 2026-Q3</td>'],
  ])('say in %s that a waiver of an audited provider is for another quarter, not that no return came', async (format, line) => {
    const r = await runCli(['audit', '2026-Q3/oxon-young-people.yaml', '--format', format, '--as-of', '2026-11-24'], { cwd: root() });
    // The table wraps its lines to the terminal.
    expect(r.stdout.replace(/\s+/g, ' ')).toContain(line);
    expect(r.stdout).not.toContain('No return from this provider');
  });

  it('count a waiver for another quarter in the table’s waiver line', async () => {
    const r = await runCli(['audit', '2026-Q3/oxon-young-people.yaml', '--as-of', '2026-11-24'], { cwd: root() });
    expect(r.stdout).toContain('Waivers (as at 2026-11-24): 0 applied, 0 lapsed, 0 stale, 1 for another quarter');
  });

  it('label the quarters by the financial year when the config counts from April', async () => {
    const dir = root();
    writeFileSync(join(dir, 'involve.config.yaml'), `year_start: april\nwaivers:\n  - {provider: oxon-young-people, rule: expenses-reimbursed, period: 2026-Q2, reason: R, approved_by: A. C., expires: 2026-12-31}\n`);
    const json = JSON.parse((await runCli(['audit', '2026-Q3/oxon-young-people.yaml', '--format', 'json', '--as-of', '2026-11-24'], { cwd: dir })).stdout) as Report;
    expect(json.period_labels).toEqual({ '2026-Q2': 'Q1 2026/27', '2026-Q3': 'Q2 2026/27' });
    for (const format of ['table', 'markdown', 'html']) {
      const r = await runCli(['audit', '2026-Q3/oxon-young-people.yaml', '--format', format, '--as-of', '2026-11-24'], { cwd: dir });
      expect(r.stdout.replace(/\s+/g, ' '), format).toContain('For Q1 2026/27; this report covers Q2 2026/27');
      expect(r.stdout, format).not.toMatch(/2026-Q[23](?![^<]*\.yaml)/);
    }
  });
});

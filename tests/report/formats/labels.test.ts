// Every format marks and words each result, file status and quarter alike: the grid, the change list, the
// details and the key, in the table, Markdown and HTML (issue 11: the change list marked a warning ✗ and a
// failure ! where the grid showed the opposite). Rendered from one report holding every status.
import { describe, expect, it } from 'vitest';
import { FORMAT_NAMES, formats, type FormatName } from '../../../src/report/formats/index.ts';
import { NOT_AUDITED, RESULT, resultLabel, STATUS } from '../../../src/report/formats/labels.ts';
import type { Report, RuleStatus } from '../../../src/report/model.ts';
import { auditReport, withoutMissing } from '../../cli/run-cli.ts';
import { withWaivers } from './with-waivers.ts';

// The sample with last quarter: a newly failing warning, a still failing failure, a fix that is now info, an
// invalid file; the waivers add waived; one result is made a skip.
const report = withWaivers(withoutMissing(await auditReport('fixtures/sample/2026-Q3', '--previous', 'fixtures/sample/2026-Q2')));
Object.assign(report.files.find((f) => f.provider === 'notts-cjs')!.results.find((r) => r.rule === 'charter-displayed')!, { status: 'skip' });
const STATUSES = Object.keys(RESULT) as RuleStatus[];

/** The text a reader sees: HTML without its tags, every format with its whitespace run together. */
async function seen(name: FormatName, subject: Report = report, width = 250): Promise<string> {
  const text = (await formats[name]())(subject, { color: 0, width });
  const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
  const read = name === 'html' ? text.replace(/<[^>]+>/g, '').replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => entities[e]!) : text;
  return read.replace(/[ \t]+/g, ' ');
}
const PEOPLE: FormatName[] = ['table', 'markdown', 'html'];
const words = [...Object.values(RESULT).map((r) => r.word), NOT_AUDITED.word].join('|');

describe('marks and words', () => {
  it('holds every status, so that the test below sees each one', () => {
    const shown = new Set(report.files.flatMap((f) => f.results.map((r) => r.status)));
    expect([...shown].sort()).toEqual([...STATUSES].sort());
    expect(report.changes!.rules.map((r) => [r.change, r.current])).toEqual(expect.arrayContaining([['newly-failing', 'warn'], ['still-failing', 'fail'], ['fixed', 'info']]));
  });

  it.each(FORMAT_NAMES)('%s puts a word beside its own mark only', async (name) => {
    const text = await seen(name);
    const marks = Object.fromEntries([...Object.values(RESULT), NOT_AUDITED].map((r) => [r.word, r.mark]));
    for (const m of text.matchAll(new RegExp(`(\\S) (${words})\\b`, 'g'))) {
      if (Object.values(marks).includes(m[1]!)) expect(`${m[1]} ${m[2]}`).toBe(`${marks[m[2]!]} ${m[2]}`);
    }
  });

  it.each(PEOPLE)('%s shows every status with its mark and its word, in the grid and the key', async (name) => {
    const text = await seen(name);
    for (const status of STATUSES) expect(text, status).toContain(resultLabel(status));
    expect(text).toContain(`${NOT_AUDITED.mark} ${NOT_AUDITED.word}`);
  });

  it.each(PEOPLE)('%s marks each change since last quarter by the result it has now, as the grid does', async (name) => {
    const text = await seen(name);
    const names = new Map(report.changes!.providers.map((p) => [p.provider, p.provider_name ?? p.provider]));
    const titles = new Map(report.rules.map((r) => [r.id, r.title]));
    for (const change of report.changes!.rules) {
      // The table's change list gives the mark alone, ahead of the provider; the others give mark and word.
      const [entry, label]: [string, string] = {
        table: [`${change.provider} · ${change.rule}:`, `${RESULT[change.current].mark} ${change.provider} · `],
        markdown: [`(${change.provider}), ${change.rule} (`, `${change.rule} (${change.change === 'fixed' ? `was ${resultLabel(change.previous)}, now ` : ''}${resultLabel(change.current)}`],
        html: [`${names.get(change.provider)}: ${titles.get(change.rule)} `, `${titles.get(change.rule)} ${resultLabel(change.current)} (was ${resultLabel(change.previous)})`],
      }[name as 'table' | 'markdown' | 'html'] as [string, string];
      const line = text.split('\n').find((l) => l.includes(entry));
      expect(line, entry).toBeDefined();
      expect(line).toContain(label);
    }
  });

  it('gives each format a key to the marks in the same words', async () => {
    expect(await seen('table')).toContain('\n✓ Pass ✗ Fail ! Warn i Info w Waived – Skip — Not audited\n');
    expect(await seen('markdown')).toContain(
      'Key: ✓ Pass · ✗ Fail · ! Warn: a concern in a rule that otherwise passes · i Info: an aspirational element not yet met · w Waived: a failure the commissioner has waived · – Skip: the rule does not apply · — Not audited: the file could not be read or checked.',
    );
    expect(await seen('html')).toContain('Key: ✓ Pass ✗ Fail ! Warn i Info w Waived – Skip — Not audited. ');
  });

  it('gives a waiver’s state the same words in every format that lists waivers', async () => {
    const states = ['Applied', 'Lapsed: the failure stands', 'Nothing left to waive: remove it', 'For 2026-Q2; this report covers 2026-Q3'];
    for (const name of PEOPLE) for (const state of states.slice(1)) expect(await seen(name), `${name}: ${state}`).toContain(state);
    const github = await seen('github');
    expect(github).toContain('::notice title=waiver lapsed%3A oxford-alcohol-liaison involvement-lead-named::Lapsed: the failure stands (expires 2026-09-30). Lead on leave');
    expect(github).toContain('::notice title=waiver stale%3A notts-cjs surveys-conducted::Nothing left to waive: remove it (expires 2026-12-31). Charter reprint delayed by the printer');
  });

  it('gives the table’s narrow grid the same marks as the wide one', async () => {
    const narrow = await seen('table', report, 100);
    const rows = narrow.split('\n').filter((l) => /^│ \S+ *│ 2026-Q3/.test(l));
    expect(rows.length).toBe(report.files.length);
    const allowed = new Set([...Object.values(RESULT).map((r) => r.mark), NOT_AUDITED.mark]);
    for (const row of rows) for (const cell of row.split('│').slice(3, -2)) expect(allowed.has(cell.trim()), cell).toBe(true);
  });

  it.each(PEOPLE)('%s gives each file status the same word in its grid (the table sets it in capitals)', async (name) => {
    const text = await seen(name);
    for (const f of report.files) {
      const word = STATUS[f.status];
      // The grid's row: the provider, then (in HTML, straight after its id) the status.
      const expected: [string, string] = ({ table: [`│ ${f.provider} │`, ` ${word.toUpperCase()} │`], markdown: [`(${f.provider}) |`, `| **${word}** |`], html: [`${f.provider}${word}`, word] } as Record<string, [string, string]>)[name]!;
      const row = text.split('\n').find((l) => l.includes(expected[0]));
      expect(row, f.provider).toBeDefined();
      expect(row).toContain(expected[1]);
    }
  });
});

describe('quarter labels', () => {
  const financial = { ...report, period_labels: { '2026-Q2': 'Q1 2026/27', '2026-Q3': 'Q2 2026/27' } };
  // A path (a file's, --previous's) names folders as they are; what a format writes of a quarter is a label.
  const withoutPaths = (text: string) => text.replace(/fixtures\/[\w./-]*/g, '');

  it.each(['table', 'markdown', 'html', 'github'] as const)('%s prints every quarter by the report’s label', async (name) => {
    const text = withoutPaths(await seen(name, financial));
    expect(text).toContain('Q2 2026/27');
    expect(text).not.toMatch(/\d{4}-Q\d/);
  });

  it.each(['json', 'junit', 'sarif'] as const)('%s keeps the calendar quarter as data', async (name) => {
    expect(await seen(name, financial)).toMatch(/2026-Q3/);
  });
});

import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from '../../../src/report/escape/markdown.ts';
import { renderMarkdown } from '../../../src/report/formats/markdown.ts';
import type { Report } from '../../../src/report/model.ts';
import { auditReport, withoutMissing } from '../../cli/run-cli.ts';
import { withWaivers } from './with-waivers.ts';

const options = { color: 0, width: 100 } as const;
const report = withoutMissing(await auditReport('fixtures/sample/2026-Q3', '--previous', 'fixtures/sample/2026-Q2'));
const md = renderMarkdown(report, options);

/** GFM tables: runs of lines starting with a pipe. */
const tables = (text: string) => text.split(/\n(?!\|)/).map((block) => block.split('\n').filter((l) => l.startsWith('|'))).filter((t) => t.length > 0);
/** Cell separators as a GFM reader counts them: pipes not taken by a backslash escape. */
const pipes = (line: string) => (line.replace(/\\[\s\S]/g, '').match(/\|/g) ?? []).length;
/** What a CommonMark reader could still read as markup once every backslash escape is taken out. */
const unescaped = (text: string) => text.replace(/\\[!-/:-@[-`{-~]/g, '');
const section = (text: string, heading: string) => text.split(/\n(?=## )/).find((s) => s.startsWith(`## ${heading}`)) ?? '';

describe('the Markdown report of the sample', () => {
  it('names the pack and the quarter in its title, and the day it was judged at', () => {
    expect(md.split('\n')[0]).toBe('# Involvement audit: Core involvement checks, 2026-Q3');
    expect(md.split('\n')[2]).toBe(`${report.files.length} returns audited against the core rule pack, version ${report.pack.version} (hash ${report.pack.hash}), by involve ${report.tool.version}, as of ${report.as_of}.`);
  });

  it('labels quarters as the report does, for a financial year from April', () => {
    const labelled = renderMarkdown({ ...report, period_labels: { '2026-Q2': 'Q1 2026/27', '2026-Q3': 'Q2 2026/27' } }, options);
    expect(labelled.split('\n')[0]).toBe('# Involvement audit: Core involvement checks, Q2 2026/27');
    expect(labelled).toContain('| Red (Q1 2026/27) | Green (Q2 2026/27) |');
    expect(labelled).toContain('### Red: Trent House Residential Rehabilitation (trent-house-rehab), Q2 2026/27');
    expect(labelled).not.toMatch(/\(2026-Q\d\)|, 2026-Q\d$/m);
  });

  it('counts returns by RAG status, beside last quarter’s', () => {
    const summary = section(md, 'Summary');
    for (const [word, key] of [['Red', 'red'], ['Amber', 'amber'], ['Green', 'green'], ['Invalid', 'invalid']] as const) {
      expect(summary).toContain(`| ${word} | ${report.summary[key]} | ${report.changes!.previous.summary[key]} |`);
    }
    expect(summary).toContain(`| **Total** | **${report.summary.files}** |`);
  });

  it('has a providers × rules matrix with statuses in words, and a key to the rules', () => {
    const [matrix] = tables(section(md, 'Providers and rules'));
    expect(matrix![0]).toBe(`| Provider | Status | ${report.rules.map((_, i) => `R${i + 1}`).join(' | ')} |`);
    expect(matrix).toHaveLength(report.files.length + 2);
    const trent = report.files.find((f) => f.provider === 'trent-house-rehab')!;
    const words = { pass: '✓ Pass', fail: '✗ Fail', warn: '! Warn', info: 'i Info', skip: '– Skip', waived: 'w Waived' };
    const cells = report.rules.map((rule) => words[trent.results.find((r) => r.rule === rule.id)!.status]);
    expect(matrix).toContain(`| Trent House Residential Rehabilitation (trent-house-rehab) | **Red** | ${cells.join(' | ')} |`);
    expect(matrix).toContain(`| Nottingham Women's Recovery Service (notts-womens-recovery) | **Invalid** | ${report.rules.map(() => '—').join(' | ')} |`);
    report.rules.forEach((r, i) => expect(md).toContain(`- **R${i + 1}** ${r.title} (${r.id}, ${r.severity})`));
  });

  it('keeps every table row to its header’s column count', () => {
    for (const table of tables(md)) for (const line of table) expect(pipes(line), line).toBe(pipes(table[0]!));
  });

  it('gives each failing or warning rule its finding, position, policy citation and hint', () => {
    const attention = section(md, 'What needs attention');
    const failing = report.files.flatMap((f) => f.results.filter((r) => r.status === 'fail' || r.status === 'warn'));
    expect(failing.length).toBeGreaterThan(0);
    for (const r of failing) {
      expect(attention).toContain(`: ${escapeMarkdown(r.title)}** (${r.rule}${r.severity === 'required' ? '' : `, ${r.severity}`})`);
      expect(attention).toContain(`Policy: ${escapeMarkdown(r.citation.document)}, section ${escapeMarkdown(r.citation.section)}`);
      expect(attention).toContain(`How to put it right: ${escapeMarkdown(r.hint)}`);
    }
    expect(attention).toContain('### Red: Oxford Hospitals Alcohol Liaison Service (oxford-alcohol-liaison), 2026-Q3');
    expect(attention).toContain('  - the involvement lead\'s name "TBC" is a placeholder, not a person (line 16, column 3)');
    expect(attention).toContain('  - How to put it right: Under involvement\\_lead, give the name');
    expect(attention).not.toContain('notts-cjs');
  });

  it('lists commendations', () => {
    const commendations = section(md, 'Commendations');
    const all = report.files.flatMap((f) => f.results.flatMap((r) => r.commendations));
    expect(all.length).toBeGreaterThan(0);
    expect(commendations.split('\n').filter((l) => l.startsWith('- '))).toHaveLength(all.length);
    expect(commendations).toContain('rung 7 (Initiating) reached: Members started a Sunday recovery football session (2026-07-19)');
  });

  it('shows the changes since last quarter', () => {
    const changes = section(md, 'Changes since last quarter');
    expect(changes).toContain('| Nottingham Criminal Justice Drug and Alcohol Service (notts-cjs) | Red (2026-Q2) | Green (2026-Q3) |');
    for (const heading of ['Status moves', 'Newly failing', 'Fixed', 'Still failing']) expect(changes).toContain(`### ${heading}`);
    expect(changes).toContain('- Oxford Hospitals Alcohol Liaison Service (oxford-alcohol-liaison), involvement-lead-named (✗ Fail, was ✓ Pass)');
    expect(changes).toContain('**New providers:** Nottingham Women\'s Recovery Service (notts-womens-recovery)');
    expect(changes).toContain('**Did not submit:** Nottingham Street Outreach Substance Misuse Team (notts-street-outreach)');
  });

  it('lists invalid files with their errors at line and column', () => {
    expect(section(md, 'Files that could not be audited')).toContain(
      '- line 33, column 9: "to" in surveys, item 1 ("First-quarter satisfaction survey") must be a real calendar date written YYYY-MM-DD, got "2026-09-31"',
    );
  });

  it('has no changes section without --previous, and names every quarter of a two-quarter run', async () => {
    const two = await auditReport('fixtures/sample/2026-Q2', 'fixtures/sample/2026-Q3');
    const both = renderMarkdown(two, options);
    expect(both.split('\n')[0]).toBe('# Involvement audit: Core involvement checks, 2026-Q2 and 2026-Q3');
    expect(both).toContain('| Provider | Quarter | Status | R1 |');
    for (const f of two.files) expect(both).toContain(`(${f.provider}) | ${f.period} | **${f.status[0]!.toUpperCase()}${f.status.slice(1)}** |`);
    expect(both).not.toContain('## Changes since last quarter');
  });

  it('says, for each provider needing attention, what kind of service it was judged as and which rules did not apply, and why', async () => {
    const oxfordshire = renderMarkdown(await auditReport('fixtures/sample/2026-Q3', '--rules', 'oxfordshire-daat-2009'), options);
    const young = oxfordshire.split(/\n(?=### )/).find((s) => s.startsWith('### ') && s.includes('(oxon-young-people)'))!;
    expect(young).toMatch(/^File: .*oxon-young-people\.yaml, judged as a treatment service$/m);
    expect(young).toContain('- **– Skip: Peer mentors inducted, trained, checked and supported as paid staff are** (peer-mentors-supported): no peer mentor scheme');
  });

  it('says so when there were no files', () => {
    const empty = { ...report, files: [], summary: { files: 0, red: 0, amber: 0, green: 0, invalid: 0, waived: 0, missing: 0 }, changes: undefined };
    expect(renderMarkdown(empty, options)).toContain('No evidence files (\\*.yaml, \\*.yml) were found.');
  });

});

describe('the Markdown report with waivers', () => {
  const waived = renderMarkdown(withWaivers(report), options);

  it('shows a waived result as waived in the matrix, with who waived it, why and until when', () => {
    expect(waived).toMatch(/^\| Trent House Residential Rehabilitation \(trent-house-rehab\) \| .*\| w Waived \|/m);
    expect(waived).toContain('- **w Waived: Service Users\' Charter displayed in every room** (charter-displayed)');
    expect(waived).toContain('  - Waived until 2026-12-31 by A. Commissioner: Charter reprint delayed by the printer');
    expect(waived).toContain('1 rule result waived by the commissioner, counted towards no status.');
  });

  it('says when a waiver has lapsed and the failure stands', () => {
    expect(waived).toContain('  - Waiver lapsed on 2026-09-30, so the failure stands (approved by A. Commissioner: Lead on leave)');
  });

  it('lists every waiver with its state', () => {
    const [table] = tables(section(waived, 'Waivers'));
    expect(table).toHaveLength(6);
    expect(table).toContain('| Trent House Residential Rehabilitation (trent-house-rehab) | charter-displayed | 2026-Q3 | A. Commissioner | 2026-12-31 | Applied | Charter reprint delayed by the printer |');
    expect(table).toContain('| Nottingham Criminal Justice Drug and Alcohol Service (notts-cjs) | surveys-conducted | any | A. Commissioner | 2026-12-31 | Nothing left to waive: remove it | Charter reprint delayed by the printer |');
    for (const state of ['Lapsed: the failure stands', 'For 2026-Q2; this report covers 2026-Q3']) expect(section(waived, 'Waivers')).toContain(`| ${state} |`);
    expect(section(waived, 'Waivers')).toContain(`Each waiver and what it did, as judged on ${report.as_of}:`);
    expect(md).not.toContain('## Waivers');
  });
});

describe('the Markdown report of hostile evidence', () => {
  const NAME = '<script>alert(1)</script>';
  const MESSAGE = '| [x](javascript:alert(1)) ![](http://x) <img src=x onerror=alert(1)>\n# heading `code` *em* _em_ ~~gone~~ &amp; @team';
  const ID = 'evil|id\n- [x](http://evil.example)';
  const EDITED = new Set(['message', 'hint', 'title', 'file', 'source', 'document', 'section', 'period', 'reason', 'approved_by', 'expires']);

  // Every string an evidence file or a pack can supply is made hostile; rule ids, statuses and positions stay as the model has them.
  function hostile(clean: Report): Report {
    const target = clean.files[0]!.provider;
    const walk = (value: unknown, key: string): unknown => {
      if (typeof value === 'string') {
        if (value === target) return ID;
        if (key === 'provider_name') return `${NAME} ${value}`;
        return EDITED.has(key) ? `${value} ${MESSAGE}` : value;
      }
      if (Array.isArray(value)) return value.map((v) => walk(v, key));
      if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
      return value;
    };
    const r = walk(clean, '') as Report;
    r.files[1]!.warnings.push({ code: 'unknown-key', message: MESSAGE, line: 3, column: 1 });
    r.changes!.not_submitted.push(MESSAGE);
    return r;
  }
  const evil = renderMarkdown(hostile(withWaivers(report)), options);

  it('keeps every table row to its header’s column count', () => {
    const all = tables(evil);
    expect(all.length).toBeGreaterThanOrEqual(3);
    for (const table of all) for (const line of table) expect(pipes(line), line).toBe(pipes(table[0]!));
  });

  it('lets no link, image, autolink, HTML, code span or strikethrough survive', () => {
    const bare = unescaped(evil);
    expect(bare).not.toMatch(/[[\]<>`~&@]/);
    expect(bare).not.toContain('://');
    expect(bare).not.toMatch(/(^|[^*])\*em\*/);
  });

  it('starts no heading or list item of its own from evidence text', () => {
    expect(evil).not.toMatch(/^\s*#+ heading/m);
    expect(evil).not.toMatch(/^\s*[-*+] \[x\]/m);
    const headings = (text: string) => text.split('\n').filter((l) => /^\s{0,3}#/.test(l)).length;
    expect(headings(evil)).toBe(headings(renderMarkdown(withWaivers(report), options)));
  });

  it('still shows the hostile text, escaped, for the reader', () => {
    expect(evil).toContain('\\<script\\>alert(1)\\</script\\>');
    expect(evil).toContain('\\| \\[x\\](javascript:alert(1)) \\!\\[\\](http\\://x) \\<img src=x onerror=alert(1)\\> \\# heading');
    expect(evil).toContain('(evil\\|id - \\[x\\](http\\://evil.example))');
  });
});

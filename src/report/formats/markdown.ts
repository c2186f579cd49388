// Report stage: the report as Markdown to paste into meeting papers: counts by RAG status, the providers × rules
// matrix, changes since last quarter, what each provider must put right and why, commendations, waivers, bad files.
import { escapeMarkdown as md, markdownLink } from '../escape/markdown.ts';
import { packRevision, periodLabel, serviceLabel, type FileReport, type FileStatus, type MissingReturn, type Report, type RuleResult } from '../model.ts';
import { listed, missingWords, NO_RETURN, NOT_AUDITED, resultLabel as result, STATUS, waiverState } from './labels.ts';
import type { Formatter } from './types.ts';

const RAG_ORDER: FileStatus[] = ['red', 'amber', 'green', 'invalid'];

const who = (provider: string, name?: string) => (name ? `${md(name)} (${md(provider)})` : md(provider));
const at = (line: number, column: number) => `line ${line}, column ${column}`;
const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
const table = (head: string[], align: string[], rows: string[][]) => [row(head), row(align), ...rows.map(row)];
const shown = (r: RuleResult) => r.status === 'fail' || r.status === 'warn' || r.status === 'waived';
const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
// Code-point order, as the table format sorts, so both reports list providers alike whatever the locale.
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byProviderThenPeriod = (a: FileReport, b: FileReport) => compare(a.provider, b.provider) || compare(a.period ?? '', b.period ?? '');

function quarters(report: Report): string {
  const periods = report.period ? [report.period] : [...new Set([...report.files, ...report.missing].map((f) => f.period ?? ''))].filter(Boolean).sort();
  return listed(periods.map((p) => md(periodLabel(report, p)))) || 'period unknown';
}

function summary(report: Report): string[] {
  const previous = report.changes?.previous.summary;
  const head = previous ? ['Status', 'Returns', 'Last quarter'] : ['Status', 'Returns'];
  const rows = RAG_ORDER.map((s) => [STATUS[s], String(report.summary[s]), ...(previous ? [String(previous[s])] : [])]);
  rows.push(['**Total**', `**${report.summary.files}**`, ...(previous ? [`**${previous.files}**`] : [])]);
  if (report.summary.missing) rows.push([NO_RETURN, String(report.summary.missing), ...(previous ? [String(previous.missing ?? 0)] : [])]);
  const waived = report.summary.waived ? ['', `${count(report.summary.waived, 'rule result')} waived by the commissioner, counted towards no status.`] : [];
  return [
    '## Summary',
    '',
    ...table(head, head.map((_, i) => (i === 0 ? '---' : '---:')), rows),
    '',
    'Red: a required rule fails. Amber: a recommended rule fails, or a rule warns. Green: every required and recommended rule passes. Invalid: the file could not be read or checked, and counts as red.' +
      (report.summary.missing ? ' No return: the provider register expects a return for the quarter and none was found; it counts as red.' : ''),
    ...waived,
  ];
}

type Row = { file: FileReport; missing?: undefined } | { file?: undefined; missing: MissingReturn };

const rowsOf = (files: FileReport[], missing: MissingReturn[]): Row[] =>
  [...files.map((file): Row => ({ file })), ...missing.map((m): Row => ({ missing: m }))].sort((a, b) => {
    const [x, y] = [a.file ?? a.missing!, b.file ?? b.missing!];
    return compare(x.provider, y.provider) || compare(x.period ?? '', y.period ?? '');
  });

function matrix(report: Report, files: FileReport[]): string[] {
  const rules = report.rules;
  // The title names a single quarter, so the column earns its place only when the run spans several.
  const several = new Set([...files, ...report.missing].map((f) => f.period)).size > 1;
  const head = ['Provider', ...(several ? ['Quarter'] : []), 'Status', ...rules.map((_, i) => `R${i + 1}`)];
  const rows = rowsOf(files, report.missing).map(({ file: f, missing: m }) => {
    if (m) return [who(m.provider, m.name), ...(several ? [md(periodLabel(report, m.period))] : []), `**${NO_RETURN}**`, ...rules.map(() => '')];
    const byRule = new Map(f.results.map((r) => [r.rule, r]));
    const cells = rules.map((rule) => {
      const r = f.status === 'invalid' ? undefined : byRule.get(rule.id);
      return r ? result(r.status) : NOT_AUDITED.mark;
    });
    return [who(f.provider, f.provider_name), ...(several ? [md(periodLabel(report, f.period))] : []), `**${STATUS[f.status]}**`, ...cells];
  });
  return [
    '## Providers and rules',
    '',
    ...table(head, head.map(() => '---'), rows),
    '',
    ...rules.map((r, i) => `- **R${i + 1}** ${md(r.title)} (${md(r.id)}, ${r.severity})`),
    '',
    `Key: ${result('pass')} · ${result('fail')} · ${result('warn')}: a concern in a rule that otherwise passes · ${result('info')}: an aspirational element not yet met · ` +
      `${result('waived')}: a failure the commissioner has waived · ${result('skip')}: the rule does not apply · ${NOT_AUDITED.mark} ${NOT_AUDITED.word}: the file could not be read or checked.`,
  ];
}

function changes(report: Report): string[] {
  const c = report.changes!;
  const names = new Map(c.providers.map((p) => [p.provider, p.provider_name]));
  const status = (s: FileStatus | null, period: string | null) => (s ? `${STATUS[s]}${period ? ` (${md(periodLabel(report, period))})` : ''}` : NOT_AUDITED.mark);
  const moved = c.providers.filter((p) => p.previous && p.current && p.previous !== p.current);
  const note = c.previous.note ? ['', `**Note:** ${md(c.previous.note)}.`] : [];
  const lines = ['## Changes since last quarter', '', `Compared with ${md(c.previous.source)}.`, ...note, '', '### Status moves', ''];
  const moves = moved.map((p) => [who(p.provider, p.provider_name), status(p.previous, p.previous_period), status(p.current, p.current_period)]);
  if (moved.length) lines.push(...table(['Provider', 'Last quarter', 'This quarter'], ['---', '---', '---'], moves));
  else lines.push('No provider’s status changed.');
  const groups = [['newly-failing', 'Newly failing'], ['fixed', 'Fixed'], ['still-failing', 'Still failing']] as const;
  for (const [kind, heading] of groups) {
    const rows = c.rules.filter((r) => r.change === kind);
    if (rows.length === 0) continue;
    lines.push('', `### ${heading}`, '');
    for (const r of rows) {
      // For a fixed rule the model's message is what was wrong before, so the line reads as history.
      const was = kind === 'fixed' ? `was ${result(r.previous)}, now ${result(r.current)}` : `${result(r.current)}, was ${result(r.previous)}`;
      lines.push(`- ${who(r.provider, names.get(r.provider))}, ${md(r.rule)} (${was}): ${md(r.message)}`);
    }
  }
  if (c.new_providers.length) lines.push('', `**New providers:** ${c.new_providers.map((p) => who(p, names.get(p))).join(', ')}`);
  if (c.not_submitted.length) lines.push('', `**Did not submit:** ${c.not_submitted.map((p) => who(p, names.get(p))).join(', ')}`);
  return lines;
}

function finding(r: RuleResult): string[] {
  const found = r.findings.filter((n) => n.status === 'fail' || n.status === 'warn');
  // A check that reports no separate findings still says what failed in the result's own message.
  const notes = found.length ? found : [{ message: r.message, line: r.line, column: r.column }];
  const severity = r.severity === 'required' ? '' : `, ${r.severity}`;
  const w = r.waiver;
  const waiver = !w ? [] : w.lapsed
    ? [`  - Waiver lapsed on ${md(w.expires)}, so the failure stands (approved by ${md(w.approved_by)}: ${md(w.reason)})`]
    : [`  - Waived until ${md(w.expires)} by ${md(w.approved_by)}: ${md(w.reason)}`];
  return [
    `- **${result(r.status)}: ${md(r.title)}** (${md(r.rule)}${severity})`,
    ...notes.map((n) => `  - ${md(n.message)} (${at(n.line, n.column)})`),
    ...waiver,
    `  - Policy: ${markdownLink(r.citation.document, r.citation.url)}, section ${md(r.citation.section)}`,
    `  - How to put it right: ${md(r.hint)}`,
  ];
}

function attention(report: Report, files: FileReport[]): string[] {
  const lines: string[] = [];
  for (const f of files) {
    const results = f.results.filter(shown);
    if (f.status === 'invalid' || (results.length === 0 && f.warnings.length === 0)) continue;
    const judged = f.service_type ? `, judged as ${md(serviceLabel(f.service_type))}` : '';
    lines.push('', `### ${STATUS[f.status]}: ${who(f.provider, f.provider_name)}, ${md(periodLabel(report, f.period))}`, '', `File: ${md(f.file)}${judged}`, '');
    lines.push(...results.flatMap(finding));
    for (const r of f.results.filter((x) => x.status === 'skip')) lines.push(`- **${result('skip')}: ${md(r.title)}** (${md(r.rule)}): ${md(r.message)}`);
    for (const w of f.warnings) lines.push(`- Note on the file: ${md(w.message)} (${at(w.line, w.column)})`);
  }
  return lines.length ? ['## What needs attention, by provider', ...lines] : [];
}

function commendations(report: Report, files: FileReport[]): string[] {
  const lines = files.flatMap((f) =>
    f.results.flatMap((r) => r.commendations.map((c) => `- ${who(f.provider, f.provider_name)}, ${md(periodLabel(report, f.period))}, ${md(r.rule)}: ${md(c.message)}`)),
  );
  return lines.length ? ['## Commendations', '', 'Aspirational elements evidenced:', '', ...lines] : [];
}

function waivers(report: Report): string[] {
  if (report.waivers.length === 0) return [];
  const names = new Map(report.history.providers.map((p) => [p.provider, p.provider_name]));
  const rows = report.waivers.map((w) => [
    who(w.provider, names.get(w.provider)),
    md(w.rule),
    w.period ? md(periodLabel(report, w.period)) : 'any',
    md(w.approved_by),
    md(w.expires),
    md(waiverState(report, w)),
    md(w.reason),
  ]);
  const head = ['Provider', 'Rule', 'Quarter', 'Approved by', 'Until', 'State', 'Reason'];
  return ['## Waivers', '', `Each waiver and what it did, as judged on ${md(report.as_of)}:`, '', ...table(head, head.map(() => '---'), rows)];
}

function missing(report: Report): string[] {
  if (report.missing.length === 0) return [];
  const lines = report.missing.map((m) => {
    const where = m.file ? ` (${md(m.file)}, ${at(m.line ?? 1, m.column ?? 1)})` : '';
    return `- ${md(missingWords(m, periodLabel(report, m.period)))}${where}`;
  });
  return ['## Missing returns', '', 'Each counts as red until the return is received.', '', ...lines];
}

function invalid(report: Report, files: FileReport[]): string[] {
  const lines: string[] = [];
  for (const f of files.filter((x) => x.status === 'invalid')) {
    lines.push('', `### ${who(f.provider, f.provider_name)}, ${md(periodLabel(report, f.period))}`, '');
    lines.push(`File: ${md(f.file)}. It counts as red until it is corrected and sent again.`, '');
    lines.push(...f.errors.map((e) => `- ${at(e.line, e.column)}: ${md(e.message)}`));
  }
  return lines.length ? ['## Files that could not be audited', ...lines] : [];
}

export const renderMarkdown: Formatter = (report) => {
  const title = `# Involvement audit: ${md(report.pack.title)}, ${quarters(report)}`;
  const missed = report.summary.missing ? `; ${count(report.summary.missing, 'return')} missing` : '';
  const intro = `${count(report.summary.files, 'return')} audited against the ${md(report.pack.id)} rule pack, ${md(packRevision(report.pack))}, by involve ${md(report.tool.version)}, as of ${md(report.as_of)}${missed}.`;
  if (report.files.length === 0 && report.missing.length === 0) return [title, '', `No evidence files (${md('*.yaml, *.yml')}) were found.`, ''].join('\n');
  const files = [...report.files].sort(byProviderThenPeriod);
  const sections = [
    summary(report),
    matrix(report, files),
    missing(report),
    report.changes ? changes(report) : [],
    attention(report, files),
    commendations(report, files),
    waivers(report),
    invalid(report, files),
  ].filter((s) => s.length > 0);
  return [title, '', intro, ...sections.flatMap((s) => ['', ...s]), ''].join('\n');
};

// Report stage: the report for a person at a terminal. One file: every rule with its line and how to fix
// what failed. Many files: a providers × rules matrix, the summary, then what failed, by provider.
import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import { cleanForTerminal as clean } from '../escape/terminal.ts';
import { packRevision, periodLabel, serviceLabel, type FileReport, type FileStatus, type MissingReturn, type Report, type RuleResult, type RuleStatus } from '../model.ts';
import { missingWords, NO_RETURN, NOT_AUDITED, RESULT, registerEntry, resultLabel, STATUS, waiverState } from './labels.ts';
import type { Formatter } from './types.ts';

const mark = (s: RuleStatus) => RESULT[s].mark;
// A file's status in capitals: the word every format uses, set as a terminal's badge.
const WORD = (s: FileStatus) => STATUS[s].toUpperCase();

function painter(c: ChalkInstance) {
  const rule: Record<RuleStatus, (s: string) => string> = { pass: c.green, fail: c.red, warn: c.yellow, info: c.cyan, skip: c.gray, waived: c.blue };
  const file: Record<FileStatus, (s: string) => string> = { green: c.green.bold, amber: c.yellow.bold, red: c.red.bold, invalid: c.magenta.bold };
  return { rule, file, dim: c.dim, bold: c.bold };
}
type Paint = ReturnType<typeof painter>;

const borderless = { chars: { top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '', left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: ' ' } };

const who = (f: FileReport) => (f.provider_name ? `${clean(f.provider_name)} (${clean(f.provider)})` : clean(f.provider));
const where = (f: FileReport, line: number, column: number) => `${clean(f.file)}:${line}:${column}`;
const judgedAs = (f: FileReport) => (f.service_type ? ` · judged as ${serviceLabel(clean(f.service_type))}` : '');

export function summaryLine(report: Report, paint: Paint): string {
  const s = report.summary;
  const parts = (['green', 'amber', 'red', 'invalid'] as const).map((k) => paint.file[k](`${s[k]} ${k}`));
  const waived = s.waived ? `; ${paint.rule.waived(`${s.waived} result${s.waived === 1 ? '' : 's'} waived`)}` : '';
  const missing = s.missing ? `; ${paint.file.red(`${s.missing} return${s.missing === 1 ? '' : 's'} missing`)}` : '';
  return `${s.files} file${s.files === 1 ? '' : 's'}: ${parts.join(', ')}${waived}${missing}`;
}

function problemsOf(f: FileReport, paint: Paint, indent: string, width: number): string[] {
  const lines: string[] = [];
  for (const e of f.errors) lines.push(`${indent}${paint.file.invalid(mark('fail'))} ${where(f, e.line, e.column)}: ${clean(e.message)}`);
  for (const w of f.warnings) lines.push(`${indent}${paint.rule.warn(mark('warn'))} ${where(f, w.line, w.column)}: ${clean(w.message)}`);
  return lines.map((l) => wrap(l, width, `${indent}  `)).flat();
}

function wrap(text: string, width: number, indent: string): string[] {
  if (width <= 20) return [text];
  const out: string[] = [];
  const lead = /^ */.exec(text)![0];
  let line = lead;
  for (const word of text.slice(lead.length).split(' ')) {
    const visible = line.replace(/\u001b\[[0-9;]*m/g, '').length;
    if (line && visible + 1 + word.replace(/\u001b\[[0-9;]*m/g, '').length > width) {
      out.push(line);
      line = indent + word;
    } else line = line.trim() ? `${line} ${word}` : line + word;
  }
  if (line) out.push(line);
  return out;
}

function waiverNote(r: RuleResult, paint: Paint): string[] {
  if (!r.waiver) return [];
  const w = r.waiver;
  return [w.lapsed ? paint.rule.fail(`Waiver lapsed on ${w.expires}: ${clean(w.reason)}`) : paint.rule.waived(`Waived until ${w.expires} by ${clean(w.approved_by)}: ${clean(w.reason)}`)];
}

function waivers(report: Report, paint: Paint, width: number): string[] {
  if (report.waivers.length === 0) return [];
  const count = (state: string) => report.waivers.filter((w) => w.state === state).length;
  const elsewhere = count('other-period') ? `, ${count('other-period')} for another quarter` : '';
  const lines = ['', `Waivers (as at ${report.as_of}): ${count('applied')} applied, ${count('lapsed')} lapsed, ${count('stale')} stale${elsewhere}`];
  for (const w of report.waivers.filter((x) => x.state !== 'applied')) {
    const quarter = w.period ? ` (${periodLabel(report, w.period)})` : '';
    lines.push(...wrap(`  ${clean(w.provider)} · ${clean(w.rule)}${quarter}, expires ${clean(w.expires)}: ${clean(waiverState(report, w))}`, width, '      '));
  }
  return lines.map((l, i) => (i === 1 ? paint.bold(l) : l));
}

function oneFile(f: FileReport, report: Report, paint: Paint, width: number): string[] {
  const lines = [
    `${paint.bold(who(f))} · ${periodLabel(report, f.period)} · ${paint.file[f.status](WORD(f.status))}`,
    paint.dim(`${clean(f.file)} · pack ${report.pack.id}${judgedAs(f)}${f.submitted_on ? ` · submitted ${clean(f.submitted_on)}` : ''}`),
    '',
  ];
  if (f.status === 'invalid') {
    lines.push('The file could not be audited:', ...problemsOf(f, paint, '  ', width));
    return lines;
  }
  const ruleWidth = Math.max(...f.results.map((r) => r.rule.length), 4);
  const messageWidth = Math.max(30, width - ruleWidth - 12);
  const table = new Table({ ...borderless, head: ['', 'Rule', 'Line', 'Result'].map((h) => paint.dim(h)), colWidths: [3, ruleWidth + 2, 6, messageWidth], wordWrap: true, style: { head: [], border: [], 'padding-left': 0, 'padding-right': 1 } });
  for (const r of f.results) {
    const needsFix = r.status === 'fail' || r.status === 'warn';
    const text = [
      clean(r.message),
      ...waiverNote(r, paint),
      ...(needsFix ? [paint.dim(`How to fix: ${clean(r.hint)}`)] : []),
      ...r.evidence.slice(r.status === 'pass' ? 1 : 0).map((e) => paint.dim(`· ${clean(e.message)} (line ${e.line})`)),
      ...r.commendations.map((c) => paint.rule.pass(`★ ${clean(c.message)}`)),
    ].join('\n');
    table.push([paint.rule[r.status](mark(r.status)), r.rule, String(r.line), text]);
  }
  lines.push(table.toString());
  if (f.warnings.length > 0) lines.push('', 'Warnings:', ...problemsOf(f, paint, '  ', width));
  return lines;
}

function cell(r: RuleResult | undefined, paint: Paint, words: boolean): string {
  if (!r) return paint.dim(NOT_AUDITED.mark);
  return paint.rule[r.status](words ? resultLabel(r.status) : mark(r.status));
}

type Row = { file: FileReport; missing?: undefined } | { file?: undefined; missing: MissingReturn };

const rowsOf = (files: FileReport[], missing: MissingReturn[]): Row[] =>
  [...files.map((file): Row => ({ file })), ...missing.map((m): Row => ({ missing: m }))].sort((a, b) => {
    const [x, y] = [a.file ?? a.missing!, b.file ?? b.missing!];
    return x.provider < y.provider ? -1 : x.provider > y.provider ? 1 : (x.period ?? '') < (y.period ?? '') ? -1 : (x.period ?? '') > (y.period ?? '') ? 1 : 0;
  });

function matrix(files: FileReport[], report: Report, paint: Paint, width: number): string[] {
  const rules = report.rules.map((r) => r.id);
  const providerWidth = Math.min(36, Math.max(8, ...[...files, ...report.missing].map((f) => clean(f.provider).length)) + 2);
  const words = providerWidth + 20 + rules.length * 9 <= width;
  const head = ['Provider', 'Period', ...rules.map((_, i) => `R${i + 1}`), 'Status'];
  const table = new Table({ head, chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' }, style: { head: [], border: [] }, wordWrap: true });
  for (const { file: f, missing } of rowsOf(files, report.missing)) {
    if (missing) {
      table.push([clean(missing.provider), periodLabel(report, missing.period), ...rules.map(() => ''), paint.file.red(NO_RETURN.toUpperCase())]);
      continue;
    }
    const byRule = new Map(f.results.map((r) => [r.rule, r]));
    const cells = rules.map((id) => cell(f.status === 'invalid' ? undefined : byRule.get(id), paint, words));
    table.push([clean(f.provider), periodLabel(report, f.period), ...cells, paint.file[f.status](WORD(f.status))]);
  }
  const legend = rules.map((id, i) => `R${i + 1} ${id}`);
  const key = [...(['pass', 'fail', 'warn', 'info', 'waived', 'skip'] as const).map(resultLabel), `${NOT_AUDITED.mark} ${NOT_AUDITED.word}`].join('  ');
  return [table.toString(), paint.dim(wrap(legend.join(' · '), width, '').join('\n')), paint.dim(key)];
}

function details(files: FileReport[], report: Report, paint: Paint, width: number): string[] {
  const lines: string[] = [];
  for (const { file: f, missing: m } of rowsOf(files, report.missing)) {
    if (m) {
      lines.push('', `${paint.file.red(NO_RETURN.toUpperCase())} ${paint.bold(`${clean(m.name)} (${clean(m.provider)})`)} · ${periodLabel(report, m.period)}`);
      lines.push(...wrap(`  ${paint.rule.fail(mark('fail'))} ${clean(missingWords(m, periodLabel(report, m.period)))}`, width, '      '));
      if (m.file) lines.push(`      ${paint.dim(clean(registerEntry(m)))}`);
      continue;
    }
    const shown = f.results.filter((r) => r.status === 'fail' || r.status === 'warn' || r.status === 'waived');
    if (f.status === 'green' && f.warnings.length === 0) continue;
    lines.push('', `${paint.file[f.status](WORD(f.status).padEnd(7))} ${paint.bold(who(f))} · ${periodLabel(report, f.period)} · ${clean(f.file)}${judgedAs(f)}`);
    if (f.status === 'invalid') lines.push(...problemsOf(f, paint, '  ', width));
    for (const r of shown) {
      const tag = r.status === 'fail' && r.severity === 'recommended' ? ' (recommended)' : '';
      lines.push(...wrap(`  ${paint.rule[r.status](mark(r.status))} ${paint.bold(r.rule)}${tag}: ${clean(r.message)}`, width, '      '));
      lines.push(...waiverNote(r, paint).map((l) => `      ${l}`));
      lines.push(`      ${paint.dim(where(f, r.line, r.column))}`);
      lines.push(...wrap(`      How to fix: ${clean(r.hint)}`, width, '      ').map((l) => paint.dim(l)));
    }
    if (f.status !== 'invalid' && f.warnings.length > 0) lines.push(...problemsOf(f, paint, '  ', width));
  }
  return lines;
}

function changes(report: Report, paint: Paint, width: number): string[] {
  const c = report.changes;
  if (!c) return [];
  const status = (s: FileStatus | null, period: string | null) => (s ? `${paint.file[s](WORD(s))}${period ? ` (${periodLabel(report, period)})` : ''}` : '—');
  const lines = ['', paint.bold(`Changes since last quarter (compared with ${clean(c.previous.source)})`)];
  const note = c.previous.note ? wrap(`  Note: ${clean(c.previous.note)}`, width, '        ') : [];
  const moved = c.providers.filter((p) => p.previous && p.current && p.previous !== p.current);
  for (const p of moved) lines.push(`  ${clean(p.provider)}: ${status(p.previous, p.previous_period)} → ${status(p.current, p.current_period)}`);
  const groups = [['newly-failing', 'Newly failing'], ['fixed', 'Fixed'], ['still-failing', 'Still failing']] as const;
  for (const [kind, heading] of groups) {
    const rows = c.rules.filter((r) => r.change === kind);
    if (rows.length === 0) continue;
    lines.push(`  ${heading}:`);
    // Each rule's mark is its result now, as the grid shows it: a newly failing warning is "!", not "✗".
    for (const r of rows) lines.push(...wrap(`    ${paint.rule[r.current](mark(r.current))} ${clean(r.provider)} · ${r.rule}: ${clean(r.message)}`, width, '        '));
  }
  if (c.new_providers.length) lines.push(`  New providers: ${c.new_providers.map(clean).join(', ')}`);
  if (c.not_submitted.length) lines.push(`  Did not submit: ${c.not_submitted.map(clean).join(', ')}`);
  if (lines.length === 2) lines.push('  No changes.');
  return [...lines.slice(0, 2), ...note, ...lines.slice(2)];
}

const byProviderThenPeriod = (a: FileReport, b: FileReport) =>
  a.provider < b.provider ? -1 : a.provider > b.provider ? 1 : (a.period ?? '') < (b.period ?? '') ? -1 : (a.period ?? '') > (b.period ?? '') ? 1 : 0;

export const renderTable: Formatter = (report, { color, width }) => {
  const paint = painter(new Chalk({ level: color }));
  if (report.files.length === 0 && report.missing.length === 0) {
    return `No evidence files (*.yaml, *.yml) were found${report.period ? ` for ${periodLabel(report, report.period)}` : ''}.`;
  }
  const title = `${paint.bold('Involvement audit')} · pack ${report.pack.id} (${clean(report.pack.title)}), ${clean(packRevision(report.pack))}${report.period ? ` · ${periodLabel(report, report.period)}` : ''}`;
  if (report.files.length === 1 && report.missing.length === 0) {
    return [title, '', ...oneFile(report.files[0]!, report, paint, width), '', summaryLine(report, paint), ...waivers(report, paint, width), ...changes(report, paint, width)].join('\n');
  }
  const files = [...report.files].sort(byProviderThenPeriod);
  const failing = details(files, report, paint, width);
  return [
    title,
    '',
    ...matrix(files, report, paint, width),
    '',
    summaryLine(report, paint),
    ...waivers(report, paint, width),
    ...changes(report, paint, width),
    ...(failing.length ? ['', paint.bold('What needs attention, by provider'), ...failing] : []),
  ].join('\n');
};

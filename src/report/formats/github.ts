// Report stage: GitHub Actions workflow commands: an annotation on the evidence line for each thing to act on, then a summary.
// The runner shows at most 10 error and 10 warning annotations per step (50 per job) and keeps the rest only in
// the log; a run with more should upload SARIF to code scanning as well.
import { escapeData, escapeProperty } from '../escape/github.ts';
import { stripTerminalControls as plain } from '../escape/terminal.ts';
import { packRevision, periodLabel, type FileProblem, type FileReport, type Report, type RuleResult } from '../model.ts';
import { missingWords, waiverState } from './labels.ts';
import type { Formatter } from './types.ts';

type Annotation = 'error' | 'warning' | 'notice';

// Pass and skip need nothing from anyone, so they are not annotated.
function annotationOf(r: RuleResult): Annotation | undefined {
  if (r.status === 'fail') return r.severity === 'required' ? 'error' : r.severity === 'recommended' ? 'warning' : 'notice';
  if (r.status === 'warn') return 'warning';
  if (r.status === 'info' || r.status === 'waived') return 'notice';
  return undefined;
}

// The runner's escaping keeps a command on its line, but an Actions log is also read on a terminal (`gh run view
// --log`) and renders colours in the browser, so evidence text loses its escape sequences and other control
// characters first (CWE-150); CR and LF stay, for escapeData to carry as %0D and %0A.
function command(kind: Annotation, f: FileReport, at: { line: number; column: number }, title: string, message: string): string {
  const properties = { file: f.file, line: String(at.line), col: String(at.column), title };
  const list = Object.entries(properties).map(([name, value]) => `${name}=${escapeProperty(plain(value))}`);
  return `::${kind} ${list.join(',')}::${escapeData(plain(message))}`;
}

type Who = (f: FileReport) => string;

function resultLine(who: Who, f: FileReport, r: RuleResult): string[] {
  const kind = annotationOf(r);
  if (!kind) return [];
  const c = r.citation;
  const toFix = r.status === 'fail' || r.status === 'warn' ? [`How to fix: ${r.hint}`] : [];
  const waiver = r.waiver ? [r.waiver.lapsed ? `Waiver lapsed on ${r.waiver.expires}: ${r.waiver.reason}` : `Waived until ${r.waiver.expires} by ${r.waiver.approved_by}: ${r.waiver.reason}`] : [];
  const tag = r.status === 'fail' && r.severity !== 'required' ? ` (${r.severity})` : r.status === 'waived' ? ' (waived)' : '';
  return [command(kind, f, r, `${who(f)}: ${r.rule}${tag}`, [r.message, ...waiver, ...toFix, `Citation: ${c.document}, ${c.section}`].join('\n'))];
}

const problemLine = (who: Who, kind: Annotation, f: FileReport, p: FileProblem, what: string) =>
  command(kind, f, p, `${who(f)}: ${what} (${p.code})`, p.message);

function summaryOf(report: Report): string {
  const s = report.summary;
  // Plain text, not a command: it uses no annotation of the step's allowance, and it begins with our own word
  // so nothing after it can make the runner read the line as a command.
  const missing = s.missing ? `; ${s.missing} return${s.missing === 1 ? '' : 's'} missing` : '';
  return `involve: ${s.files} file${s.files === 1 ? '' : 's'} audited against pack ${escapeData(`${report.pack.id} ${packRevision(report.pack)}`)}: ${s.green} green, ${s.amber} amber, ${s.red} red, ${s.invalid} invalid${missing}`;
}

export const renderGithub: Formatter = (report) => {
  const who: Who = (f) => `${f.provider} ${periodLabel(report, f.period)}`;
  return [
    ...report.files.flatMap((f) => [
      ...f.errors.map((e) => problemLine(who, 'error', f, e, 'invalid evidence')),
      ...f.warnings.map((w) => problemLine(who, 'warning', f, w, 'evidence warning')),
      ...f.results.flatMap((r) => resultLine(who, f, r)),
    ]),
    // A missing return is annotated on the provider's entry in the register.
    ...report.missing.map((m) => {
      const place = m.file ? { file: m.file, line: String(m.line ?? 1), col: String(m.column ?? 1) } : {};
      const properties = Object.entries({ ...place, title: `${m.provider} ${periodLabel(report, m.period)}: no return` }).map(([name, value]) => `${name}=${escapeProperty(plain(value))}`);
      return `::error ${properties.join(',')}::${escapeData(plain(missingWords(m, periodLabel(report, m.period))))}`;
    }),
    // A lapsed or stale waiver is the commissioner's to act on: no file line to hang it on, so a plain notice.
    ...report.waivers
      .filter((w) => w.state === 'lapsed' || w.state === 'stale')
      .map((w) => `::notice title=${escapeProperty(plain(`waiver ${w.state}: ${w.provider} ${w.rule}`))}::${escapeData(plain(`${waiverState(report, w)} (expires ${w.expires}). ${w.reason}`))}`),
    summaryOf(report),
  ].join('\n');
};

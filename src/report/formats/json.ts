// Report stage: the JSON report, the spec's stable fields plus the rest of the model (rules-and-reports.md), whole
// or a file at a time.
import type { FileReport, Note, Report, ReportHead } from '../model.ts';
import type { Formatter } from './types.ts';

// What satisfied a rule keeps its message id and wording but not its data: the wording already carries the values,
// and the data of every passing note made the report a quarter larger (measured on the bench's returns). Findings,
// what a tool acts on, keep theirs.
const withoutData = ({ data: _, ...note }: Note): Omit<Note, 'data'> => note;
const forJson = (file: FileReport) => ({
  ...file,
  results: file.results.map((r) => ({ ...r, evidence: r.evidence.map(withoutData), commendations: r.commendations.map(withoutData) })),
});

export const renderJson: Formatter = (report) => JSON.stringify({ ...report, files: report.files.map(forJson) }, null, 2);

// The same bytes in pieces, for a run that writes its files out as they are audited (100,000 files make more JSON
// than one string can hold): jsonHead, then jsonFile for each file with JSON_FILE_SEPARATOR between them, then
// jsonTail. JSON.stringify never puts a raw newline inside a string, so a value rendered on its own, each line
// indented by the depth it sits at, is the text renderJson gives it.

/** `{\n  "a": 1,\n  "b": 2\n}` → `"a": 1,\n  "b": 2`: an object's members as they stand inside the report. */
const members = (fields: object) => JSON.stringify(fields, null, 2).slice(4, -2);

/** From `{` to the files' opening `[`. */
export function jsonHead(head: ReportHead): string {
  return `{\n  ${members(head)},\n  "files": [`;
}

/** One file as it sits in the report's list. */
export function jsonFile(file: FileReport): string {
  return `\n    ${JSON.stringify(forJson(file), null, 2).replaceAll('\n', '\n    ')}`;
}

export const JSON_FILE_SEPARATOR = ',';

/** From the files' closing `]` to the end: the report's fields after its files, in the report's order. */
export function jsonTail(report: Report): string {
  const keys = Object.keys(report);
  const after = Object.fromEntries(keys.slice(keys.indexOf('files') + 1).map((key) => [key, report[key as keyof Report]]));
  // A report written a file at a time keeps no files: its summary says whether any were written.
  return `${report.summary.files > 0 ? '\n  ' : ''}],\n  ${members(after)}\n}`;
}

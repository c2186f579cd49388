// Report stage: the JSON report, the spec's stable fields plus the rest of the model (rules-and-reports.md), whole
// or a file at a time.
import type { FileReport, Report, ReportHead } from '../model.ts';
import type { Formatter } from './types.ts';

// A note's data (names and scalars, nothing nested) on one line, as `"data": { "label": "Oxford hub", "actual": 5 }`:
// a line for each value made the data a third of a report. JSON.stringify writes no raw newline inside a string, so
// only its own layout matches, and a `"data"` inside a string is escaped (`\"data\"`).
const STRING = String.raw`"(?:[^"\\]|\\.)*"`;
const FLAT_DATA = new RegExp(String.raw`"data": \{((?:\n +${STRING}: (?:${STRING}|-?\d[\d.eE+-]*|true|false|null),?)+)\n +\}`, 'g');
const oneLineData = (json: string) => json.replace(FLAT_DATA, (_, values: string) => `"data": { ${values.replace(/\n +/g, ' ').trim()} }`);

export const renderJson: Formatter = (report) => oneLineData(JSON.stringify(report, null, 2));

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
  return `\n    ${oneLineData(JSON.stringify(file, null, 2)).replaceAll('\n', '\n    ')}`;
}

export const JSON_FILE_SEPARATOR = ',';

/** From the files' closing `]` to the end: the report's fields after its files, in the report's order. */
export function jsonTail(report: Report): string {
  const keys = Object.keys(report);
  const after = Object.fromEntries(keys.slice(keys.indexOf('files') + 1).map((key) => [key, report[key as keyof Report]]));
  // A report written a file at a time keeps no files: its summary says whether any were written.
  return `${report.summary.files > 0 ? '\n  ' : ''}],\n  ${members(after)}\n}`;
}

// Report stage: the JSON report, the spec's stable fields plus the rest of the model (rules-and-reports.md).
import type { FileReport, Report } from '../model.ts';
import type { Formatter } from './types.ts';

export const renderJson: Formatter = (report) => JSON.stringify(report, null, 2);

// The pieces below let a long run write the same bytes as renderJson a file at a time (100,000 files make
// more JSON than one string can hold). JSON.stringify never puts a raw newline inside a string, so indenting
// every line of a file's JSON by four spaces places it exactly where it sits inside the whole report.

/** One file's JSON as it appears in the report's `files` list. */
export function fileJson(file: FileReport): string {
  return JSON.stringify(file, null, 2).replaceAll('\n', '\n    ');
}

const MARK = 'involve: the files go here';

/** The report's JSON before its first file (ending with `"files": [`) and after its last (starting with `]`). */
export function jsonAroundFiles(report: Report): { before: string; after: string } {
  const text = JSON.stringify({ ...report, files: [MARK] }, null, 2);
  // At two spaces' indent only the report's own keys can stand; no string holds a newline.
  const hole = `\n  "files": [\n    ${JSON.stringify(MARK)}\n  ]`;
  const at = text.indexOf(hole);
  if (at < 0) throw new Error('the JSON report has no files list');
  return { before: text.slice(0, at) + '\n  "files": [', after: `]${text.slice(at + hole.length)}` };
}

/** What joins the files: `[` then each file on its own lines, then `]`; `[]` when there are none. */
export const JSON_FILE_SEPARATOR = { first: '\n    ', next: ',\n    ', last: '\n  ' } as const;

// Report stage: the marks and words every format shows for a result, a file's status and a waiver's state, so the
// grid, the change list and every format say each the same way (tests/report/formats/labels.test.ts compares them).
import { listed, periodLabel, type FileStatus, type MissingReturn, type Report, type RuleStatus, type WaiverUse } from '../model.ts';

export { listed } from '../model.ts';

/** A rule result's mark, for the grid and for greyscale print, and its word. */
export const RESULT: Record<RuleStatus, { mark: string; word: string }> = {
  pass: { mark: '✓', word: 'Pass' },
  fail: { mark: '✗', word: 'Fail' },
  warn: { mark: '!', word: 'Warn' },
  info: { mark: 'i', word: 'Info' },
  skip: { mark: '–', word: 'Skip' },
  waived: { mark: 'w', word: 'Waived' },
};

/** A rule with no result for a file: the file could not be read or checked. */
export const NOT_AUDITED = { mark: '—', word: 'Not audited' };

/** "✗ Fail": the mark and the word, where there is room for both. */
export const resultLabel = (status: RuleStatus) => `${RESULT[status].mark} ${RESULT[status].word}`;

export const STATUS: Record<FileStatus, string> = { red: 'Red', amber: 'Amber', green: 'Green', invalid: 'Invalid' };

/**
 * Each status's light tint and the dark ink written on it, for the HTML chips and the trend charts; `none` is a
 * quarter with no return. Every pair has a contrast ratio of at least 7:1 (tests/report/formats/html.test.ts).
 */
export const STATUS_COLOURS: Record<FileStatus | 'none', { tint: string; ink: string }> = {
  red: { tint: '#f4c7c3', ink: '#5c0b05' },
  amber: { tint: '#fde3a7', ink: '#4a2f00' },
  green: { tint: '#c6e8cc', ink: '#0c3b17' },
  invalid: { tint: '#e6d2ef', ink: '#3b1052' },
  none: { tint: '#ffffff', ink: '#404040' },
};

/** What a waiver did, in words; quarters by the report's labels. */
export function waiverState(report: Pick<Report, 'period_labels'>, w: WaiverUse): string {
  switch (w.state) {
    case 'applied':
      return 'Applied';
    case 'lapsed':
      return 'Lapsed: the failure stands';
    case 'stale':
      return 'Nothing left to waive: remove it';
    case 'other-period': {
      const covered = (w.report_periods ?? []).map((p) => periodLabel(report, p));
      return `For ${periodLabel(report, w.period ?? null)}; this report covers ${listed(covered) || periodLabel(report, null)}`;
    }
  }
}

/** A registered provider's quarter with no return: the grid's status and the summary's word. */
export const NO_RETURN = 'No return';

/**
 * What every format says of a missing return, with the quarter as the format prints it (a label, or the calendar
 * quarter in the formats that keep quarters as data).
 */
export const missingWords = (m: MissingReturn, quarter: string) =>
  `no return from ${m.name} (${m.provider}) for ${quarter}${m.contract ? ` under contract ${m.contract}` : ''}; the provider register expects one`;

/** "involve.config.yaml:6:5", where the register names a missing provider; empty when the report does not say. */
export const registerEntry = (m: MissingReturn) => (m.file ? `${m.file}:${m.line ?? 1}:${m.column ?? 1}` : '');

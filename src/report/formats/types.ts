// Report stage: the one function type every output format implements.
import type { Report } from '../model.ts';

export interface FormatOptions {
  /** Chalk level; only the table format colours anything. */
  color: 0 | 1 | 2 | 3;
  /** Terminal width to lay tables out in. */
  width: number;
}

export type Formatter = (report: Report, options: FormatOptions) => string;

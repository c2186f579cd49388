// Report stage: the JSON report, the spec's stable fields plus the rest of the model (rules-and-reports.md).
import type { Formatter } from './types.ts';

export const renderJson: Formatter = (report) => JSON.stringify(report, null, 2);

// Report stage: the table of output formats. Its keys feed --format's choices; each format loads only when chosen.
import type { Formatter } from './types.ts';

export type FormatName = 'table' | 'json';

export const formats = {
  table: async () => (await import('./table.ts')).renderTable,
  json: async () => (await import('./json.ts')).renderJson,
} satisfies Record<FormatName, () => Promise<Formatter>>;

export const FORMAT_NAMES = Object.keys(formats) as FormatName[];

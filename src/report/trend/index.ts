// Report stage: the formats `involve trend` prints in. Its keys feed --format's choices; each loads only when chosen.
import type { FormatOptions } from '../formats/types.ts';
import type { Trend } from './model.ts';

export type TrendFormatName = 'table' | 'json' | 'markdown' | 'html';
export type TrendFormatter = (trend: Trend, options: FormatOptions) => string;

export const trendFormats = {
  table: async () => (await import('./table.ts')).renderTrendTable,
  json: async () => (await import('./json.ts')).renderTrendJson,
  markdown: async () => (await import('./markdown.ts')).renderTrendMarkdown,
  html: async () => (await import('./html.ts')).renderTrendHtml,
} satisfies Record<TrendFormatName, () => Promise<TrendFormatter>>;

export const TREND_FORMAT_NAMES = Object.keys(trendFormats) as TrendFormatName[];

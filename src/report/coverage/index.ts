// Report stage: the formats `involve coverage` prints a pack's obligation register in. Its keys feed --format's
// choices; each format loads only when chosen.
import type { Coverage } from '../../packs/register.ts';
import type { FormatOptions } from '../formats/types.ts';

export type CoverageFormatName = 'table' | 'markdown' | 'json';
export type CoverageFormatter = (coverage: Coverage, options: FormatOptions) => string;

export const coverageFormats = {
  table: async () => (await import('./table.ts')).renderCoverageTable,
  markdown: async () => (await import('./markdown.ts')).renderCoverageMarkdown,
  json: async () => (await import('./json.ts')).renderCoverageJson,
} satisfies Record<CoverageFormatName, () => Promise<CoverageFormatter>>;

export const COVERAGE_FORMAT_NAMES = Object.keys(coverageFormats) as CoverageFormatName[];

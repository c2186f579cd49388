// Report stage: the formats `involve review` prints a dossier in. Its keys feed --format's choices; each format
// loads only when chosen.
import type { FormatOptions } from '../formats/types.ts';
import type { Review } from './model.ts';

export type ReviewFormatName = 'markdown' | 'html' | 'json' | 'table';
export type ReviewFormatter = (review: Review, options: FormatOptions) => string;

export const reviewFormats = {
  markdown: async () => (await import('./markdown.ts')).renderReviewMarkdown,
  html: async () => (await import('./html.ts')).renderReviewHtml,
  json: async () => (await import('./json.ts')).renderReviewJson,
  table: async () => (await import('./table.ts')).renderReviewTable,
} satisfies Record<ReviewFormatName, () => Promise<ReviewFormatter>>;

export const REVIEW_FORMAT_NAMES = Object.keys(reviewFormats) as ReviewFormatName[];

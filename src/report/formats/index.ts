// Report stage: the table of output formats. Its keys feed --format's choices; each format loads only when chosen.
import type { Formatter } from './types.ts';

export type FormatName = 'table' | 'json' | 'markdown' | 'html' | 'junit' | 'sarif' | 'github';

export const formats = {
  table: async () => (await import('./table.ts')).renderTable,
  json: async () => (await import('./json.ts')).renderJson,
  markdown: async () => (await import('./markdown.ts')).renderMarkdown,
  html: async () => (await import('./html.ts')).renderHtml,
  junit: async () => (await import('./junit.ts')).renderJunit,
  sarif: async () => (await import('./sarif.ts')).renderSarif,
  github: async () => (await import('./github.ts')).renderGithub,
} satisfies Record<FormatName, () => Promise<Formatter>>;

export const FORMAT_NAMES = Object.keys(formats) as FormatName[];

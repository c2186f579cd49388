// Report stage: what the trend charts share: status fills told apart in greyscale as well as hue, the legend, the
// figure around an SVG with its text equivalent, and numbers written the same in every locale.
import { escapeHtml as h } from '../escape/html.ts';
import { NO_RETURN, STATUS, STATUS_COLOURS } from '../formats/labels.ts';
import type { FileStatus } from '../model.ts';

export type ChartStatus = FileStatus | 'missing';

/** The order of the legend, the tables and the stacks (bottom up): as the HTML report's summary tiles. */
export const CHART_STATUSES: readonly ChartStatus[] = ['red', 'amber', 'green', 'invalid', 'missing'];

export const statusWord = (s: ChartStatus) => (s === 'missing' ? NO_RETURN : STATUS[s]);

/** A quarter no return was due for (before a provider joined, after its contract ended) or none is known. */
export const NOT_DUE = 'Not due';

/** 1234567 → "1,234,567", whatever the machine's locale. */
export const count = (n: number) => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** A coordinate to one decimal place, without "-0" or exponent. */
export const at = (n: number) => {
  const r = Math.round(n * 10) / 10;
  return r === 0 ? '0' : String(r);
};

/** Text cut to fit `chars` characters, at a word where one is near, with an ellipsis; the table keeps it whole. */
export function cut(text: string, chars: number): string {
  if (text.length <= chars) return text;
  const head = text.slice(0, chars - 1);
  const space = head.lastIndexOf(' ');
  return `${(space > chars / 2 ? head.slice(0, space) : head).trimEnd()}…`;
}

/** "1 return", "2 returns". */
export const plural = (n: number, one: string, many = `${one}s`) => `${count(n)} ${n === 1 ? one : many}`;

// Ids must be unique in the page yet never random. Every chart's patterns are the same, so two charts that came to
// the same id would still draw right; the id carries a hash of a few facts of the chart (its kind, size, first and
// last rows) only to keep the page's ids distinct, and hashing a thousand providers' every cell cost 90 ms.
export function idPrefix(kind: string, facts: unknown[]): string {
  let hash = 0x811c9dc5;
  const text = JSON.stringify(facts);
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return `involve-${kind}-${(hash >>> 0).toString(36)}`;
}

// Greyscale print cannot tell the palette's light tints apart, so each status's tint is overlaid with its ink in a
// pattern whose coverage sets its lightness: no return white, green plain, amber dotted, invalid cross-hatched,
// red densely striped. Patterns are in user units, so a cell 9 units high still shows two stripes.
export function statusDefs(prefix: string): string {
  const c = STATUS_COLOURS;
  const tile = (s: FileStatus, marks: string, rotate = false) =>
    `<pattern id="${prefix}-${s}" width="4" height="4" patternUnits="userSpaceOnUse"${rotate ? ' patternTransform="rotate(45)"' : ''}><rect width="4" height="4" fill="${c[s].tint}"/>${marks}</pattern>`;
  return `<defs>${[
    tile('red', `<rect width="2.6" height="4" fill="${c.red.ink}"/>`, true),
    tile('amber', `<circle cx="2" cy="2" r="1.1" fill="${c.amber.ink}"/>`),
    tile('invalid', `<path d="M0 .5H4M.5 0V4" stroke="${c.invalid.ink}" stroke-width="0.9"/>`, true),
  ].join('')}</defs>`;
}

/** The fill and outline of a status's shapes: no return is white with a dashed outline, as the HTML chips are. */
export function statusPaint(prefix: string, s: ChartStatus): string {
  if (s === 'missing') return `fill="${STATUS_COLOURS.none.tint}" stroke="${STATUS_COLOURS.none.ink}" stroke-width="0.8" stroke-dasharray="2 1.5"`;
  if (s === 'green') return `fill="${STATUS_COLOURS.green.tint}" stroke="${STATUS_COLOURS.green.ink}" stroke-width="0.5"`;
  return `fill="url(#${prefix}-${s})" stroke="${STATUS_COLOURS[s].ink}" stroke-width="0.5"`;
}

const INK = STATUS_COLOURS.none.ink;
export const TEXT = `fill="#1a1a1a"`;

/** A row of swatches and words at (x, y), with "Not due" drawn as the strips draw it when asked. */
export function legend(prefix: string, x: number, y: number, statuses: readonly ChartStatus[], notDue = false): string {
  let cursor = x;
  const items = statuses.map((s) => {
    const word = statusWord(s);
    const item = `<rect x="${at(cursor)}" y="${at(y)}" width="12" height="12" ${statusPaint(prefix, s)}/><text x="${at(cursor + 16)}" y="${at(y + 10)}">${h(word)}</text>`;
    cursor += 24 + word.length * 6.5;
    return item;
  });
  if (notDue) items.push(`<path d="M${at(cursor)} ${at(y + 6)}h12" ${notDuePaint}/><text x="${at(cursor + 16)}" y="${at(y + 10)}">${NOT_DUE}</text>`);
  return `<g font-size="11" ${TEXT} aria-hidden="true">${items.join('')}</g>`;
}

export const notDuePaint = `stroke="${INK}" stroke-width="1" stroke-dasharray="1 2"`;

/** The width a legend takes, for sizing a chart to hold it. */
export const legendWidth = (statuses: readonly ChartStatus[], notDue = false) =>
  statuses.reduce((w, s) => w + 24 + statusWord(s).length * 6.5, 0) + (notDue ? 24 + NOT_DUE.length * 6.5 : 0);

/** An inline SVG image: its own size, scaled down (never up) to the page, named for a screen reader. */
export function svg(width: number, height: number, title: string, desc: string, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" width="${at(width)}" height="${at(height)}" viewBox="0 0 ${at(width)} ${at(height)}" style="max-width:100%;height:auto" font-size="11"><title>${h(title)}</title><desc>${h(desc)}</desc>${body}</svg>`;
}

/** The figure: the picture(s), a caption, and the same numbers as a table a screen reader or a copy-paste can use. */
export function figure(kind: string, pictures: string, caption: string, table: { caption: string; head: string[]; rows: string[][] }): string {
  const cells = (row: string[]) => `<tr><th scope="row">${row[0]}</th>${row.slice(1).map((c) => `<td>${c}</td>`).join('')}</tr>`;
  return `<figure class="chart chart-${kind}">${pictures}<figcaption>${caption}</figcaption>
<details><summary>The figures as a table</summary><table><caption>${table.caption}</caption><thead><tr>${table.head.map((c) => `<th scope="col">${c}</th>`).join('')}</tr></thead>
<tbody>${table.rows.map(cells).join('\n')}</tbody></table></details></figure>`;
}

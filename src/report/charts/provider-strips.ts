// Report stage: each provider's quarters as a strip of status cells, inline SVG with its statuses as a table.
import { escapeHtml as h } from '../escape/html.ts';
import { at, cut, CHART_STATUSES, count, figure, idPrefix, legend, legendWidth, NOT_DUE, notDuePaint, plural, statusDefs, statusPaint, statusWord, svg, TEXT, type ChartStatus } from './svg.ts';

export interface ProviderStrip {
  provider: string;
  name?: string;
  cells: { period: string; label: string; status: ChartStatus | null }[];
}

const NAME_WIDTH = 230;
const NAME_CHARS = 38;
const COLUMN = 48;
const CELL = 44;
const ROW = 12;
const CELL_HEIGHT = 9;
const HEAD = 30;
const LEGEND = 24;
// A picture of 50 rows is about 650 units high, which fits an A4 page: a browser prints an SVG whole or not at
// all on a page, so a thousand providers are drawn as twenty pictures, each with the quarters above it.
const ROWS_PER_PICTURE = 50;

const shown = (s: ProviderStrip) => s.name || s.provider;

/** Every quarter any strip has, in calendar order, each with the label it came with. */
function quartersOf(strips: ProviderStrip[]): { period: string; label: string }[] {
  const labels = new Map<string, string>();
  for (const strip of strips) for (const c of strip.cells) if (!labels.has(c.period)) labels.set(c.period, c.label);
  return [...labels].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([period, label]) => ({ period, label }));
}

/** A quarter's label on two lines where it has a space ("Q2" over "2026/27"), so a column stays narrow. */
function quarterHead(label: string, x: number, y: number): string {
  const space = label.lastIndexOf(' ');
  if (space < 0) return `<text x="${at(x)}" y="${at(y + 12)}" text-anchor="middle">${h(label)}</text>`;
  return `<text x="${at(x)}" y="${at(y)}" text-anchor="middle">${h(label.slice(0, space))}<tspan x="${at(x)}" dy="12">${h(label.slice(space + 1))}</tspan></text>`;
}

function picture(strips: ProviderStrip[], first: number, all: number, quarters: { period: string; label: string }[], prefix: string, summary: string): string {
  const withLegend = first === 0;
  const top = (withLegend ? LEGEND : 0) + HEAD;
  const width = Math.max(NAME_WIDTH + quarters.length * COLUMN + 4, withLegend ? legendWidth(CHART_STATUSES, true) + 8 : 0);
  const height = top + strips.length * ROW + 4;
  const column = new Map(quarters.map((q, i) => [q.period, i]));
  // One path per status, not a rectangle per cell: a third of the bytes for a thousand providers.
  const paths = new Map<ChartStatus | null, string[]>();
  strips.forEach((strip, row) => {
    const y = top + row * ROW;
    for (const c of strip.cells) {
      const x = NAME_WIDTH + column.get(c.period)! * COLUMN;
      const list = paths.get(c.status) ?? paths.set(c.status, []).get(c.status)!;
      list.push(c.status === null ? `M${at(x + 2)} ${at(y + CELL_HEIGHT / 2)}h${CELL - 4}` : `M${at(x)} ${at(y)}h${CELL}v${CELL_HEIGHT}h-${CELL}z`);
    }
  });
  const cells = [...CHART_STATUSES, null].filter((s) => paths.has(s)).map((s) => `<path d="${paths.get(s)!.join('')}" ${s === null ? notDuePaint : statusPaint(prefix, s)}/>`);
  const names = strips.map((s, row) => `<text x="${NAME_WIDTH - 6}" y="${at(top + row * ROW + CELL_HEIGHT - 0.5)}" text-anchor="end">${h(cut(shown(s), NAME_CHARS))}</text>`);
  const heads = quarters.map((q, i) => quarterHead(q.label, NAME_WIDTH + i * COLUMN + CELL / 2, top - HEAD + 10));
  const last = first + strips.length;
  const title = all > ROWS_PER_PICTURE ? `Each provider’s status by quarter, providers ${count(first + 1)} to ${count(last)} of ${count(all)}` : 'Each provider’s status by quarter';
  const desc = withLegend ? summary : `Continued: providers ${count(first + 1)} to ${count(last)} of ${count(all)}, one row each, one cell per quarter.`;
  const body = `${statusDefs(prefix)}${withLegend ? legend(prefix, 4, 4, CHART_STATUSES, true) : ''}<g ${TEXT} font-size="10" aria-hidden="true">${heads.join('')}${names.join('')}</g><g aria-hidden="true">${cells.join('')}</g>`;
  return svg(width, height, title, desc, body);
}

export function providerStripsChart(strips: ProviderStrip[]): string {
  const quarters = quartersOf(strips);
  const prefix = idPrefix('strips', [strips.length, quarters, strips[0], strips.at(-1)]);
  const range = quarters.length ? `${quarters[0]!.label}${quarters.length > 1 ? ` to ${quarters.at(-1)!.label}` : ''}` : '';
  const latest = quarters.at(-1);
  const inLatest = latest ? CHART_STATUSES.map((s) => [s, strips.filter((p) => p.cells.some((c) => c.period === latest.period && c.status === s)).length] as const).filter(([, n]) => n > 0) : [];
  const summary = strips.length === 0
    ? 'No providers to show.'
    : `One row per provider (${plural(strips.length, 'provider')}), one cell per quarter, ${range}.${inLatest.length ? ` In ${latest!.label}: ${inLatest.map(([s, n]) => `${count(n)} ${statusWord(s).toLowerCase()}`).join(', ')}.` : ''}`;

  const pictures: string[] = [];
  for (let first = 0; first < strips.length; first += ROWS_PER_PICTURE) {
    pictures.push(picture(strips.slice(first, first + ROWS_PER_PICTURE), first, strips.length, quarters, `${prefix}-${first / ROWS_PER_PICTURE}`, summary));
  }
  if (pictures.length === 0) pictures.push(svg(240, 24, 'Each provider’s status by quarter', summary, `<text x="4" y="16" ${TEXT}>No providers to show.</text>`));

  const caption = strips.length
    ? `Each provider’s status by quarter, ${h(range)}: ${plural(strips.length, 'provider')}, one row each. A dotted line is a quarter no return was due.`
    : 'Each provider’s status by quarter: no providers to show.';
  const rows = strips.map((s) => {
    const byPeriod = new Map(s.cells.map((c) => [c.period, c.status]));
    const word = (period: string) => { const status = byPeriod.get(period); return status ? statusWord(status) : NOT_DUE; };
    return [s.name ? `${h(s.name)} (${h(s.provider)})` : h(s.provider), ...quarters.map((q) => word(q.period))];
  });
  return figure('strips', pictures.join('\n'), caption, { caption: `Status by quarter, ${plural(strips.length, 'provider')}`, head: ['Provider', ...quarters.map((q) => h(q.label))], rows });
}

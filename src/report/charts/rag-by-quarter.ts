// Report stage: the trend's RAG counts per quarter as stacked bars, inline SVG with its numbers as a table.
import { escapeHtml as h } from '../escape/html.ts';
import { at, CHART_STATUSES, count, figure, idPrefix, legend, legendWidth, plural, statusDefs, statusPaint, statusWord, svg, TEXT } from './svg.ts';

export interface QuarterCounts {
  period: string;
  label: string;
  green: number;
  amber: number;
  red: number;
  invalid: number;
  missing: number;
}

const LEFT = 44;
const TOP = 36;
const PLOT_HEIGHT = 200;
const BOTTOM = 28;
const BAND = 76;
const BAR = 44;

const total = (q: QuarterCounts) => CHART_STATUSES.reduce((n, s) => n + q[s], 0);

/** Axis steps of 1, 2 or 5 × 10ⁿ, at most five above zero; the axis ends on the step at or above the tallest bar. */
function ticks(max: number): number[] {
  const rough = Math.max(1, max) / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough)!;
  const top = Math.max(step, Math.ceil(max / step) * step);
  return Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);
}

function describe(q: QuarterCounts): string {
  return `${q.label}: ${CHART_STATUSES.map((s) => `${count(q[s])} ${statusWord(s).toLowerCase()}`).join(', ')}`;
}

export function ragByQuarterChart(quarters: QuarterCounts[]): string {
  const prefix = idPrefix('rag', [quarters]);
  const axis = ticks(Math.max(0, ...quarters.map(total)));
  const top = axis.at(-1)!;
  const y = (n: number) => TOP + PLOT_HEIGHT - (n / top) * PLOT_HEIGHT;
  const width = Math.max(LEFT + quarters.length * BAND + 8, legendWidth(CHART_STATUSES) + 8);
  const height = TOP + PLOT_HEIGHT + BOTTOM;

  const grid = axis.map((t) => `<path d="M${LEFT} ${at(y(t))}h${at(width - LEFT - 4)}" stroke="#bfbfbf" stroke-width="0.5"/><text x="${LEFT - 6}" y="${at(y(t) + 4)}" text-anchor="end">${count(t)}</text>`);
  const bars = quarters.map((q, i) => {
    const x = LEFT + i * BAND + (BAND - BAR) / 2;
    let base = 0;
    const segments = CHART_STATUSES.filter((s) => q[s] > 0).map((s) => {
      const y0 = y(base + q[s]);
      const tall = y(base) - y0;
      base += q[s];
      // A count is written in its segment where it fits, on a white plate so stripes cannot hide it.
      const label = tall >= 14 ? `<rect x="${at(x + BAR / 2 - 4 - count(q[s]).length * 3)}" y="${at(y0 + tall / 2 - 6.5)}" width="${at(8 + count(q[s]).length * 6)}" height="13" rx="2" fill="#ffffff"/><text x="${at(x + BAR / 2)}" y="${at(y0 + tall / 2 + 4)}" text-anchor="middle">${count(q[s])}</text>` : '';
      return `<rect x="${at(x)}" y="${at(y0)}" width="${BAR}" height="${at(tall)}" ${statusPaint(prefix, s)}/>${label}`;
    });
    const sum = `<text x="${at(x + BAR / 2)}" y="${at(y(total(q)) - 4)}" text-anchor="middle" font-weight="600">${count(total(q))}</text>`;
    const name = `<text x="${at(x + BAR / 2)}" y="${TOP + PLOT_HEIGHT + 16}" text-anchor="middle">${h(q.label)}</text>`;
    return `<g>${segments.join('')}${sum}${name}</g>`;
  });
  const empty = quarters.length === 0 ? `<text x="${LEFT}" y="${TOP + PLOT_HEIGHT / 2}">No quarters to show.</text>` : '';
  const body = `${statusDefs(prefix)}${legend(prefix, 4, 6, CHART_STATUSES)}<g ${TEXT} font-size="10" aria-hidden="true">${grid.join('')}</g><g ${TEXT} font-size="10" aria-hidden="true">${bars.join('')}${empty}</g>`;

  const title = 'Returns by status in each quarter';
  const desc = quarters.length ? `Stacked bars, one per quarter. ${quarters.map(describe).join('. ')}.` : 'No quarters to show.';
  const caption = quarters.length
    ? `Returns by status in each quarter, ${h(quarters[0]!.label)}${quarters.length > 1 ? ` to ${h(quarters.at(-1)!.label)}` : ''}: each bar is every return due that quarter, red at the foot.`
    : 'Returns by status in each quarter: no quarters to show.';
  const rows = quarters.map((q) => [h(q.label), ...CHART_STATUSES.map((s) => count(q[s])), count(total(q))]);
  return figure('rag', svg(width, height, title, desc, body), caption, {
    caption: `Returns by status, ${plural(quarters.length, 'quarter')}`,
    head: ['Quarter', ...CHART_STATUSES.map(statusWord), 'Total'],
    rows,
  });
}

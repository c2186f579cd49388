// Report stage: the rules failing most across providers as horizontal bars, inline SVG with its numbers as a table.
import { escapeHtml as h } from '../escape/html.ts';
import { at, cut, count, figure, idPrefix, plural, statusDefs, statusPaint, svg, TEXT } from './svg.ts';

export interface RuleFailures {
  rule: string;
  title: string;
  failing: number;
  /** The returns this rule judged, where it judged fewer than all (a rule in force from a later quarter). */
  judged?: number;
}

/** How many rules the chart shows; the trend's own table lists them all. */
export const MOST_FAILED_SHOWN = 10;

const TITLE_WIDTH = 280;
const TITLE_CHARS = 46;
const BAR_LENGTH = 300;
const ROW = 22;
const TOP = 8;

/** "25%", rounded to a whole number; "under 1%" rather than a 0% beside a bar. */
const share = (n: number, of: number) => (of === 0 ? '' : n > 0 && (100 * n) / of < 0.5 ? 'under 1%' : `${Math.round((100 * n) / of)}%`);

/**
 * `judged` is how many returns the rules were judged against, or a rule's own `judged` where it has one. Every bar
 * is drawn to one scale, so the longest is the rule failing most often, and is labelled with its share.
 */
export function mostFailedChart(rules: RuleFailures[], judged: number): string {
  const shown = rules
    .filter((r) => r.failing > 0)
    .sort((a, b) => b.failing - a.failing || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0))
    .slice(0, MOST_FAILED_SHOWN);
  const prefix = idPrefix('rules', [shown, judged]);
  const scale = Math.max(judged, ...shown.map((r) => Math.max(r.failing, r.judged ?? 0)), 1);
  const width = TITLE_WIDTH + BAR_LENGTH + 110;
  const height = TOP + Math.max(1, shown.length) * ROW + 6;
  const of = (r: RuleFailures) => { const out = r.judged ?? judged; return `${count(r.failing)} of ${count(out)}${out ? ` (${share(r.failing, out)})` : ''}`; };

  const bars = shown.map((r, i) => {
    const y = TOP + i * ROW;
    const length = Math.max(1, (r.failing / scale) * BAR_LENGTH);
    return `<text x="${TITLE_WIDTH - 6}" y="${y + 13}" text-anchor="end">${h(cut(r.title, TITLE_CHARS))}</text><rect x="${TITLE_WIDTH}" y="${y + 2}" width="${at(length)}" height="14" ${statusPaint(prefix, 'red')}/><text x="${at(TITLE_WIDTH + length + 6)}" y="${y + 13}">${of(r)}</text>`;
  });
  // The full length of a bar, faintly, so a short bar reads as a share of every return and not of the longest.
  const frame = shown.length && judged === scale ? `<path d="M${TITLE_WIDTH + BAR_LENGTH} ${TOP}v${shown.length * ROW}" stroke="#8c8c8c" stroke-width="0.8" stroke-dasharray="3 2"/>` : '';
  const empty = shown.length === 0 ? `<text x="4" y="${TOP + 13}">No rule failed for any provider.</text>` : '';
  const body = `${statusDefs(prefix)}<g ${TEXT} font-size="10.5" aria-hidden="true">${frame}${bars.join('')}${empty}</g>`;

  const title = 'The rules failing most across providers';
  const desc = shown.length
    ? `Horizontal bars, the longest first, each the share of ${plural(judged, 'return')} judged. ${shown.map((r) => `${r.title}: ${of(r)}`).join('. ')}.`
    : `No rule failed for any of ${plural(judged, 'return')} judged.`;
  const caption = shown.length
    ? `The ${shown.length === 1 ? 'rule' : `${shown.length} rules`} failing most often, out of ${plural(judged, 'return')} judged${rules.filter((r) => r.failing > 0).length > shown.length ? ` (the ${MOST_FAILED_SHOWN} failing most of ${count(rules.filter((r) => r.failing > 0).length)})` : ''}.`
    : `No rule failed for any of ${plural(judged, 'return')} judged.`;
  const rows = shown.map((r) => [`${h(r.title)} (${h(r.rule)})`, count(r.failing), count(r.judged ?? judged), share(r.failing, r.judged ?? judged)]);
  return figure('rules', svg(width, height, title, desc, body), caption, { caption: 'Returns failing each rule', head: ['Rule', 'Failing', 'Judged', 'Share'], rows });
}

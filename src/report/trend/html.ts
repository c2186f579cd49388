// Report stage: the trend as one self-contained HTML page to print on A4 for a meeting: status by quarter, returns
// counted by quarter, the rules failing now and since when, what moved since the quarter before, the rules failing most.
import { mostFailedChart, providerStripsChart, ragByQuarterChart } from '../charts/index.ts';
import { escapeHtml as h } from '../escape/html.ts';
import { STATUS_COLOURS } from '../formats/labels.ts';
import type { TrendFormatter } from './index.ts';
import type { QuarterStatus, StatusMove, Trend } from './model.ts';
import { againstWords, introWords, KEY_NONE, noteWords, QUARTER_WORD, spanWords, trendStreakWords, titleOf } from './words.ts';

const COUNTED = ['green', 'amber', 'red', 'invalid', 'missing'] as const;

// Dark text on light tints (the audit page's, contrast at least 7:1), and every status written as a word, so the
// page reads the same in greyscale. A row or a chart never breaks across pages, and a table's head repeats.
const CSS = `
*{box-sizing:border-box;-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0 auto;padding:24px 32px;max-width:1180px;font:15px/1.45 "Segoe UI",Arial,"Liberation Sans","DejaVu Sans",sans-serif;color:#1a1a1a;background:#fff}
h1{font-size:1.7em;margin:0 0 .2em}h2{font-size:1.3em;margin:1.6em 0 .5em;padding-bottom:.2em;border-bottom:2px solid #1a1a1a}h3{font-size:1.08em;margin:1em 0 .4em}
p,ul{margin:.4em 0}.pid,.muted{color:#4d4d4d}.pid{display:block;font-size:.82em}
table{border-collapse:collapse;width:100%;margin:.5em 0 .8em;font-size:.9em}caption{text-align:left;font-weight:600;padding:.3em 0}
th,td{border:1px solid #8c8c8c;padding:.3em .45em;text-align:left;vertical-align:top}thead th{background:#e8e8e8}td.n{text-align:right}
.streaks ul{margin:0;padding-left:1.1em}.statuses td{text-align:center;white-space:nowrap;font-weight:600}.statuses thead th,.counts thead th{white-space:nowrap}
${Object.entries(STATUS_COLOURS).map(([s, c]) => `.f-${s}{background:${c.tint};color:${c.ink}}`).join('')}
.f-missing{background:#fff;color:${STATUS_COLOURS.red.ink};border-style:dashed}.f-none{font-weight:400}
.chart{margin:.8em 0}.chart svg{max-width:100%;height:auto}figcaption{font-size:.9em;color:#4d4d4d}
tr,li,figure{break-inside:avoid}thead{display:table-header-group}h2,h3{break-after:avoid}
footer{margin-top:2em;font-size:.85em;color:#4d4d4d}
@page{size:A4;margin:14mm 12mm}
@media print{body{max-width:none;padding:0;font-size:9.5pt}}`;

const who = (provider: string, name?: string) => (name ? `${h(name)}<span class="pid">${h(provider)}</span>` : h(provider));
// In a sentence, the id follows the name on its line.
const whoInline = (provider: string, name?: string) => (name ? `${h(name)} (${h(provider)})` : h(provider));
// The charts draw a quarter with nothing due, or nothing known, as no status.
const chartStatus = (s: QuarterStatus) => (s === 'none' ? null : s);
const cell = (s: QuarterStatus) => `<td class="f-${s}">${h(QUARTER_WORD[s])}</td>`;
const rowOf = (header: string, cells: string[]) => `<tr><th scope="row">${header}</th>${cells.join('')}</tr>`;
const table = (cls: string, caption: string, head: string[], rows: string[]) =>
  `<table class="${cls}"><caption>${caption}</caption>\n<thead><tr>${head.map((c) => `<th scope="col">${c}</th>`).join('')}</tr></thead>\n<tbody>${rows.join('\n')}</tbody></table>`;
const list = (items: string[]) => `<ul>${items.map((i) => `<li>${i}</li>`).join('\n')}</ul>`;

function statuses(trend: Trend): string {
  const head = ['Provider', ...trend.quarters.map((q) => h(q.label))];
  const rows = trend.providers.map((p) => rowOf(who(p.provider, p.name), p.statuses.map(cell)));
  const counts = COUNTED.map((s) => rowOf(h(QUARTER_WORD[s]), trend.quarters.map((q) => `<td class="n">${q.counts[s]}</td>`)));
  const strips = trend.providers.map((p) => ({ provider: p.provider, ...(p.name ? { name: p.name } : {}), cells: trend.quarters.map((q, i) => ({ period: q.period, label: q.label, status: chartStatus(p.statuses[i]!) })) }));
  return `<h2>Status by quarter</h2>
${providerStripsChart(strips)}
${table('statuses', 'Each provider’s overall status in each quarter', head, rows)}
<p>Key: ${h(KEY_NONE)}. Red: a required rule fails. Amber: a recommended rule fails, or a rule warns. Invalid: the return could not be read or checked. No return: the register expected one.</p>
<h2>Returns by quarter</h2>
${ragByQuarterChart(trend.quarters.map((q) => ({ period: q.period, label: q.label, ...q.counts })))}
${table('counts', 'Returns in each quarter by status', ['Status', ...head.slice(1)], counts)}`;
}

// One row per provider, its failing rules listed in it: a provider's name once, not once a rule, keeps the page of
// 1,000 providers small enough to send (docs/speed.md), and a row is never parted from its provider in print.
function streaks(trend: Trend): string {
  const rows = trend.providers.filter((p) => p.streaks.length > 0).map((p) => rowOf(who(p.provider, p.name), [`<td>${list(p.streaks.map((s) => `${h(titleOf(trend, s.rule))} (${h(s.rule)}): ${h(trendStreakWords(trend, s))}`))}</td>`]));
  return `<h2>Failing now, and for how long</h2>${rows.length ? table('streaks', 'The rules each provider is failing at its latest return, and since when', ['Provider', 'Failing'], rows) : '<p>No rule is failing.</p>'}`;
}

function changes(trend: Trend): string {
  const c = trend.changes;
  if (!c) return '';
  const names = new Map(trend.providers.map((p) => [p.provider, p.name]));
  const move = (m: StatusMove) => `${whoInline(m.provider, m.name)}: ${h(QUARTER_WORD[m.previous])} → ${h(QUARTER_WORD[m.current])}`;
  const parts = [`<h2>Since the quarter before</h2><p>${h(againstWords(trend, c))}.</p>`];
  if (c.improved.length) parts.push('<h3>Improved</h3>', list(c.improved.map(move)));
  if (c.slipped.length) parts.push('<h3>Slipped</h3>', list(c.slipped.map(move)));
  for (const [kind, heading] of [['newly-failing', 'Newly failing'], ['fixed', 'Fixed']] as const) {
    const byProvider = new Map<string, string[]>();
    for (const r of c.rules.filter((x) => x.change === kind)) byProvider.set(r.provider, [...(byProvider.get(r.provider) ?? []), `${h(titleOf(trend, r.rule))} (${h(r.rule)})`]);
    const items = [...byProvider].map(([provider, rules]) => `${whoInline(provider, names.get(provider))}: ${rules.join('; ')}`);
    if (items.length) parts.push(`<h3>${heading}</h3>`, list(items));
  }
  if (parts.length === 1) parts.push('<p>No provider and no rule moved.</p>');
  return parts.join('\n');
}

function mostFailed(trend: Trend): string {
  if (trend.most_failed.length === 0) return '';
  const latest = h(trend.quarters.at(-1)!.label);
  const rows = trend.most_failed.map((m) => rowOf(`${h(m.title)}<span class="pid">${h(m.rule)}</span>`, [m.failing, m.judged, m.failing_latest].map((n) => `<td class="n">${n}</td>`)));
  const chart = mostFailedChart(trend.most_failed.map(({ rule, title, failing, judged }) => ({ rule, title, failing, judged })), trend.judged);
  return `<h2>Rules failing most</h2>${chart}
${table('most-failed', `Each rule’s failures across providers, ${h(spanWords(trend))}, out of ${trend.judged} returns judged`, ['Rule', 'Provider-quarters failing', 'Judged', `Providers failing in ${latest}`], rows)}`;
}

export const renderTrendHtml: TrendFormatter = (trend) => {
  const title = `Involvement trend: ${h(trend.pack.title)}, ${h(spanWords(trend))}`;
  const notes = noteWords(trend);
  const body = trend.providers.length === 0
    ? '<p>No return was found in these quarters.</p>'
    : [statuses(trend), streaks(trend), changes(trend), mostFailed(trend), notes.length ? `<h2>Notes</h2>${list(notes.map(h))}` : ''].join('\n');
  // The CSP is belt and braces: nothing is meant to run or load, and if escaping ever failed nothing could.
  return `<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title><style>${CSS}</style></head>
<body><header><h1>${title}</h1><p>${h(introWords(trend))}</p></header>
<main>${body}</main>
<footer>Produced by involve ${h(trend.tool.version)} with the ${h(trend.pack.lineage.join(' → '))} rule pack${trend.pack.lineage.length === 1 ? '' : 's'}.</footer>
</body></html>
`;
};

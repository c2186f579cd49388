// Report stage: the dossier as one self-contained HTML page that prints on A4: a running header with the provider and
// the quarters on every page, no table row or rule block cut across pages, every status as a word beside its colour.
import { escapeHtml as h, htmlLink } from '../escape/html.ts';
import { RESULT, waiverState } from '../formats/labels.ts';
import { packRevision, serviceLabel, type Note, type RuleStatus } from '../model.ts';
import type { ReviewFormatter } from './index.ts';
import { dueWords, expiryWords, QUARTER_MEANINGS, QUARTER_WORDS, rangeWords, reviewStreakWords, summaryWords } from './labels.ts';
import { quarterLabel, type QuarterState, type Review, type ReviewRule } from './model.ts';

// The page is one table whose head is the running header: Chromium and Firefox repeat a table's head on every page
// it breaks across, where a position:fixed header would sit over the text (tests/report/review/html.test.ts prints
// it). Colours are dark text on light tints, 7:1 or better, and every one stands beside a word.
const CSS = `
*{box-sizing:border-box;-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0 auto;padding:16px 28px;max-width:1100px;font:14px/1.45 "Segoe UI",Arial,"Liberation Sans","DejaVu Sans",sans-serif;color:#1a1a1a;background:#fff}
.sheet{width:100%;border-collapse:collapse}.sheet>thead>tr>td,.sheet>tbody>tr>td{padding:0;border:0}
.runhead{padding:.3em 0;margin-bottom:.8em;border-bottom:1px solid #8c8c8c;font-size:.85em;color:#404040}
h1{font-size:1.6em;margin:0 0 .2em}h2{font-size:1.25em;margin:1.4em 0 .5em;padding-bottom:.2em;border-bottom:2px solid #1a1a1a}h3{font-size:1.05em;margin:0 0 .3em}
p,ul{margin:.4em 0}.muted,.at{color:#4d4d4d}.at{font-size:.85em;white-space:nowrap}
table.t{border-collapse:collapse;width:100%;margin:.5em 0 .8em;font-size:.9em}table.t caption{text-align:left;font-weight:600;padding:.3em 0}
table.t th,table.t td{border:1px solid #8c8c8c;padding:.3em .45em;text-align:left;vertical-align:top}table.t thead th{background:#e8e8e8}
.grid td{text-align:center;white-space:nowrap}.q{white-space:nowrap}table.register{width:auto;min-width:50%}
.s{display:inline-block;min-width:4.8em;padding:.1em .35em;border:1px solid #595959;border-radius:3px;text-align:center;font-weight:600;font-size:.9em}
.q-red,.q-missing{background:#f4c7c3;color:#5c0b05}.q-amber{background:#fde3a7;color:#4a2f00}.q-green{background:#c6e8cc;color:#0c3b17}
.q-invalid{background:#e6d2ef;color:#3b1052}.q-no-return,.q-not-due{background:#fff;color:#404040;border-style:dashed}
.r-pass{background:#e3f3e5;color:#0c3b17}.r-fail{background:#f9d6d2;color:#5c0b05}.r-warn{background:#feecc3;color:#4a2f00}
.r-info{background:#e2ebf6;color:#0d2c54}.r-skip,.r-none{background:#efefef;color:#404040}.r-waived{background:#ddf1ef;color:#0b3b37}
.rule{border:1px solid #8c8c8c;border-radius:4px;padding:.5em .8em;margin:.8em 0}
blockquote{margin:.2em 0 .4em 1em;padding-left:.6em;border-left:3px solid #bfbfbf;font-style:italic}
footer{margin-top:2em;font-size:.85em;color:#4d4d4d}
@page{size:A4;margin:12mm 12mm 14mm}
@media print{body{max-width:none;padding:0;font-size:9.5pt}.sheet>thead{display:table-header-group}
.t tr,.rule,li{break-inside:avoid}h2,h3,caption{break-after:avoid}}`;

const at = (n: Pick<Note, 'line' | 'column'>) => `<span class="at">line ${n.line}, column ${n.column}</span>`;
// A screen reader reads the word; the mark is there for the eye and for greyscale print.
const result = (s: RuleStatus) => `<span class="s r-${s}"><span aria-hidden="true">${RESULT[s].mark}</span> ${RESULT[s].word}</span>`;
const state = (s: QuarterState) => `<span class="s q-${s}">${QUARTER_WORDS[s]}</span>`;
const none = '<span class="s r-none"><span aria-hidden="true">—</span> No result</span>';
const rowOf = (header: string, cells: string[]) => `<tr><th scope="row">${header}</th>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
const table = (cls: string, caption: string, head: string[], rows: string[]) =>
  `<table class="t ${cls}"><caption>${caption}</caption>\n<thead><tr>${head.map((c) => `<th scope="col">${c}</th>`).join('')}</tr></thead>\n<tbody>${rows.join('\n')}</tbody></table>`;
const list = (items: string[]) => (items.length ? `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>` : '');

function provider(review: Review, q: (p: string) => string): string {
  const r = review.provider.register;
  if (!r) return `<h2>The provider</h2><p>${h(review.provider.id)} is not in the provider register (involve.config.yaml), so no quarter is known to be due or not.</p>`;
  const rows = [['Name', h(r.name)], ['Provider id', h(r.id)], ['Contract', r.contract ? h(r.contract) : 'not given'], ['Service type', r.service_type ? h(serviceLabel(r.service_type)) : 'not given (each return’s own)'], ['Returns due', h(dueWords(review, r))]];
  return `<h2>The provider</h2>${table('register', 'Its entry in the provider register', ['', 'Register'], rows.map(([k, v]) => rowOf(k!, [v!])))}`;
}

function quarters(review: Review, q: (p: string) => string): string {
  const rows = review.quarters.map((x) => rowOf(q(x.period), [state(x.status), x.returns.map((f) => h(f.submitted_on ?? 'not given')).join('<br>') || '—', x.returns.map((f) => h(f.file)).join('<br>') || '—']));
  const absent = (['missing', 'no-return', 'not-due'] as const).filter((st) => review.quarters.some((x) => x.status === st)).map((st) => `${state(st)} ${QUARTER_MEANINGS[st]}.`);
  const undated = review.undated.map((f) => `${state(f.status)} ${h(f.file)}: its quarter cannot be told.`);
  return `<h2>Status by quarter</h2>${table('quarters', 'Each quarter’s return and its overall status', ['Quarter', 'Status', 'Submitted', 'Return'], rows)}
<p>${h(summaryWords(review))}</p>${list([...absent, ...undated])}`;
}

function grid(review: Review, q: (p: string) => string): string {
  const rows = review.rules.map((r) => {
    const byPeriod = new Map(r.results.map((x) => [x.period, x.status]));
    return rowOf(`${h(r.title)}<br><span class="muted">${h(r.id)}</span>`, review.quarters.map((x) => { const s = byPeriod.get(x.period); return s ? result(s) : none; }));
  });
  return `<h2>Rules by quarter</h2>${table('grid', 'Each rule’s result in each quarter; No result: no return, or one that could not be read or checked', ['Rule', ...review.quarters.map((x) => q(x.period))], rows)}`;
}

function failures(review: Review, q: (p: string) => string): string {
  const title = (id: string) => h(review.rules.find((r) => r.id === id)?.title ?? id);
  const persistent = review.persistent.map((p) => `<strong>${title(p.rule)}</strong> <span class="muted">${h(p.rule)}</span>: ${h(reviewStreakWords(review, p))}`);
  const recurring = review.recurring.map((r) => `<strong>${title(r.rule)}</strong> <span class="muted">${h(r.rule)}</span>: failed in ${r.failed_in.map(q).join(', ')}; now ${r.now ? result(r.now) : none}`);
  return `<h2>Failures that persisted</h2>${persistent.length ? list(persistent) : '<p>None: no rule failed at two returns running up to the latest.</p>'}${
    recurring.length ? `<p>Failed in two or more quarters, but not without a break up to now:</p>${list(recurring)}` : ''}`;
}

function waivers(review: Review, q: (p: string) => string): string {
  if (review.waivers.length === 0) return `<h2>Waivers</h2><p>None for ${h(review.provider.id)}.</p>`;
  const rows = review.waivers.map((w) =>
    rowOf(h(w.rule), [w.period ? q(w.period) : 'any', h(w.approved_by), `${h(expiryWords(w))}${w.expiring ? ' <strong>(expiring soon)</strong>' : ''}`, h(waiverState(review, w)), w.used_in.map(q).join(', ') || '—', h(w.reason)]));
  const expiring = review.waivers.filter((w) => w.expiring).length;
  return `<h2>Waivers</h2>${table('waivers', `Each of ${h(review.provider.id)}’s waivers and what it did, as judged on ${h(review.as_of)}; ${expiring} expiring within 90 days`, ['Rule', 'Quarter', 'Approved by', 'Until', 'State', 'Used in', 'Reason'], rows)}`;
}

function rule(review: Review, r: ReviewRule, i: number, q: (p: string) => string): string {
  const c = r.citation;
  const byPeriod = new Map(r.results.map((x) => [x.period, x]));
  const rows = review.quarters.map((x) => {
    const res = byPeriod.get(x.period);
    if (!res) return rowOf(q(x.period), [none, `No result: ${QUARTER_WORDS[x.status]}`]);
    const w = res.waiver;
    const notes = [
      ...res.findings.filter((n) => n.message !== res.message).map((n) => `${RESULT[n.status].word}: ${h(n.message)} ${at(n)}`),
      ...res.evidence.filter((n) => n.message !== res.message).map((n) => `Evidence: ${h(n.message)} ${at(n)}`),
      ...res.commendations.map((n) => `Commended: ${h(n.message)} ${at(n)}`),
      ...(w ? [w.lapsed ? `Waiver lapsed on ${h(w.expires)}, so the failure stands (approved by ${h(w.approved_by)}: ${h(w.reason)})` : `Waived until ${h(w.expires)} by ${h(w.approved_by)}: ${h(w.reason)}`] : []),
    ];
    return rowOf(q(x.period), [result(res.status), `${h(res.message)} <span class="at">${h(res.file)}, line ${res.line}</span>${list(notes)}`]);
  });
  return `<section class="rule"><h3>R${i + 1} ${h(r.title)} <span class="muted">${h(r.id)}, ${r.severity}</span></h3>
<p><strong>Policy:</strong> ${htmlLink(c.document, c.url)}, section ${h(c.section)}:</p><blockquote>${h(c.quote)}</blockquote>${c.interpretation ? `<p><strong>How this pack reads it:</strong> ${h(c.interpretation)}</p>` : ''}${
  r.effective_from ? `<p>In force from ${q(r.effective_from)}.</p>` : ''}
${table('results', `${h(r.id)}, quarter by quarter`, ['Quarter', 'Result', 'What the return showed'], rows)}${r.streak ? `<p><strong>Now ${h(reviewStreakWords(review, r.streak))}.</strong></p>` : ''}</section>`;
}

export const renderReviewHtml: ReviewFormatter = (review) => {
  // A quarter's label never breaks across lines: "2026-" over "Q1" reads as two things.
  const q = (p: string) => `<span class="q">${h(quarterLabel(review, p))}</span>`;
  const { id, name } = review.provider;
  const who = name ? `${h(name)} (${h(id)})` : h(id);
  const period = h(rangeWords(review));
  const body = [provider(review, q), quarters(review, q), failures(review, q), waivers(review, q), grid(review, q), '<h2>Each rule, quarter by quarter</h2>', ...review.rules.map((r, i) => rule(review, r, i, q))].join('\n');
  // The CSP is belt and braces: nothing is meant to run or load, and if escaping ever failed nothing could.
  return `<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Contract review: ${who}, ${period}</title><style>${CSS}</style></head>
<body><table class="sheet"><thead><tr><td><div class="runhead">Contract review · ${who} · ${period}</div></td></tr></thead><tbody><tr><td>
<header><h1>${who}</h1><p>Contract review, ${period}: ${review.quarters.length} quarters judged against the rule pack ${h(review.pack.title)} (${h(review.pack.id)}), ${h(packRevision(review.pack))}, as of ${h(review.as_of)}.</p></header>
<main>${body}</main>
<footer>Produced by involve ${h(review.tool.version)}.</footer>
</td></tr></tbody></table></body></html>
`;
};

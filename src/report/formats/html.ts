// Report stage: the report as one self-contained HTML page to open, print on A4 and circulate: a RAG heatmap of
// providers × rules, each provider's status by quarter, changes since last quarter, findings with policy and fix.
import { escapeHtml as h, htmlLink } from '../escape/html.ts';
import { packRevision, periodLabel, serviceLabel, type FileReport, type FileStatus, type MissingReturn, type Report, type RuleResult, type RuleStatus } from '../model.ts';
import { listed, missingWords, NO_RETURN, NOT_AUDITED, RESULT, STATUS, STATUS_COLOURS, waiverState } from './labels.ts';
import type { Formatter } from './types.ts';

const RAG_ORDER: FileStatus[] = ['red', 'amber', 'green', 'invalid'];

// Every colour pair is dark text on a light tint with a contrast ratio of at least 7:1 (WCAG AAA, so AA with room
// to spare when printed), and every status is also written as a word, so nothing depends on colour alone.
const CSS = `
*{box-sizing:border-box;-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0 auto;padding:24px 32px;max-width:1180px;font:15px/1.45 "Segoe UI",Arial,"Liberation Sans","DejaVu Sans",sans-serif;color:#1a1a1a;background:#fff}
h1{font-size:1.7em;margin:0 0 .2em}h2{font-size:1.3em;margin:1.6em 0 .5em;padding-bottom:.2em;border-bottom:2px solid #1a1a1a}
h3{font-size:1.08em;margin:1.2em 0 .4em}h4{font-size:1em;margin:0 0 .3em}
p,ul,ol{margin:.4em 0}a{color:#0b4f8a}.muted,.rid,.at{color:#4d4d4d}.rid,.at{font-size:.85em}.pid{display:block;font-weight:400;font-size:.82em;color:#4d4d4d}
table{border-collapse:collapse;width:100%;margin:.5em 0 .8em;font-size:.9em}caption{text-align:left;font-weight:600;padding:.3em 0}
th,td{border:1px solid #8c8c8c;padding:.35em .5em;text-align:left;vertical-align:top}thead th{background:#e8e8e8}
.matrix td.c,.history td{text-align:center;white-space:nowrap}.matrix thead th .rid{display:block;font-weight:400}
.tiles{display:flex;gap:12px;list-style:none;padding:0;flex-wrap:wrap}.tiles li{flex:1;min-width:130px;padding:.6em .8em;border:1px solid #8c8c8c;border-radius:6px}
.tiles strong{display:block;font-size:2em;line-height:1.1}.tiles .w{font-weight:600}
.chip{display:inline-block;min-width:5.2em;padding:.15em .4em;border:1px solid #595959;border-radius:3px;text-align:center;font-weight:600;font-size:.9em}
.trail{list-style:none;padding:0;display:flex;gap:6px;flex-wrap:wrap;align-items:center}.trail li{display:flex;flex-direction:column;align-items:center;font-size:.85em}
${Object.entries(STATUS_COLOURS).map(([s, c]) => `.f-${s}{background:${c.tint};color:${c.ink}}`).join('')}.f-none{border-style:dashed}
.r-pass{background:#e3f3e5;color:#0c3b17}.r-fail{background:#f9d6d2;color:#5c0b05}.r-warn{background:#feecc3;color:#4a2f00}
.r-info{background:#e2ebf6;color:#0d2c54}.r-skip,.r-none{background:#efefef;color:#404040}.r-waived{background:#ddf1ef;color:#0b3b37}
.finding{border:1px solid #8c8c8c;border-left-width:6px;border-radius:4px;padding:.5em .8em;margin:.6em 0;break-inside:avoid}
.finding.r-fail{border-left-color:#b3261e}.finding.r-warn{border-left-color:#a86b00}.finding.r-waived{border-left-color:#2b7a73}.finding{background:#ffffff;color:#1a1a1a}
.tag{padding:.05em .35em;border-radius:3px;margin-right:.3em}.cite,.hint,blockquote{font-size:.92em}.at{white-space:nowrap}
blockquote{margin:.2em 0 .4em 1em;padding-left:.6em;border-left:3px solid #bfbfbf;font-style:italic}.history{width:auto;min-width:60%}
.provider{margin-top:2.5em}.trail li[aria-hidden]{align-self:flex-end;padding-bottom:.2em}.q{white-space:nowrap}.runhead{display:none}
.rules{list-style:none;padding:0}footer{margin-top:2em;font-size:.85em;color:#4d4d4d}
@page{size:A4;margin:14mm 12mm}
@media print{body{max-width:none;padding:0;font-size:9.5pt}.provider{break-before:page;margin-top:0}.runhead{display:block;font-size:.85em;color:#4d4d4d}a{color:inherit;text-decoration:none}
thead{display:table-header-group}tr,.tiles li{break-inside:avoid}.tiles li{padding:.3em .6em}.tiles strong{font-size:1.5em}h2,h3,h4{break-after:avoid}}`;

const who = (provider: string, name?: string) => (name ? h(name) : h(provider));
const at = (line: number, column: number) => `<span class="at">line ${line}, column ${column}</span>`;
// A screen reader reads the word; the symbol is there for the eye and for greyscale print.
const result = (s: RuleStatus) => `<span aria-hidden="true">${RESULT[s].mark}</span> ${RESULT[s].word}`;
const notAudited = `<span aria-hidden="true">${NOT_AUDITED.mark}</span> ${NOT_AUDITED.word}`;
const chip = (s: FileStatus | null) => (s ? `<span class="chip f-${s}">${STATUS[s]}</span>` : `<span class="chip f-none">${NO_RETURN}</span>`);
const needsAction = (r: RuleResult) => r.status === 'fail' || r.status === 'warn';
const label = (report: Report, period: string | null) => h(periodLabel(report, period));
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byProviderThenPeriod = (a: FileReport, b: FileReport) => compare(a.provider, b.provider) || compare(a.period ?? '', b.period ?? '');
const rowOf = (header: string, cells: string[]) => `<tr><th scope="row">${header}</th>${cells.join('')}</tr>`;
const table = (cls: string, caption: string, head: string[], rows: string[]) =>
  `<table class="${cls}"><caption>${caption}</caption>\n<thead><tr>${head.map((c) => `<th scope="col">${c}</th>`).join('')}</tr></thead>\n<tbody>${rows.join('\n')}</tbody></table>`;
const list = (items: string[], cls = '') => (items.length ? `<ul${cls ? ` class="${cls}"` : ''}>${items.map((i) => `<li>${i}</li>`).join('')}</ul>` : '');

function quarters(report: Report): string {
  const periods = report.period ? [report.period] : [...new Set([...report.files, ...report.missing].map((f) => f.period ?? ''))].filter(Boolean).sort();
  return listed(periods.map((p) => label(report, p))) || 'period unknown';
}

function summary(report: Report): string {
  const previous = report.changes?.previous.summary;
  const tiles = RAG_ORDER.map((s) => `<li class="f-${s}"><strong>${report.summary[s]}</strong><span class="w">${STATUS[s]}</span>${previous ? `<br><span>last quarter ${previous[s]}</span>` : ''}</li>`);
  const missing = report.summary.missing;
  if (missing) tiles.push(`<li class="f-none"><strong>${missing}</strong><span class="w">${NO_RETURN}</span>${previous ? `<br><span>last quarter ${previous.missing ?? 0}</span>` : ''}</li>`);
  const noReturn = missing ? ' No return: the provider register expects a return for the quarter and none was found; it counts as red.' : '';
  return `<h2>Summary</h2><ul class="tiles" aria-label="Returns by status">${tiles.join('')}</ul>
<p>Red: a required rule fails. Amber: a recommended rule fails, or a rule warns. Green: every required and recommended rule passes. Invalid: the file could not be read or checked, and counts as red.${noReturn}</p>${
  report.summary.waived ? `<p>${report.summary.waived} rule result${report.summary.waived === 1 ? ' was' : 's were'} waived by the commissioner and counted towards no status.</p>` : ''}`;
}

function matrix(report: Report, files: FileReport[]): string {
  const rules = report.rules;
  const head = rules.map((r, i) => `<abbr title="${h(r.title)}">R${i + 1}</abbr><span class="rid">${h(r.id)}</span>`);
  // The caption names a single quarter, so the column earns its A4 width only when the run spans several.
  const several = new Set([...files, ...report.missing].map((f) => f.period)).size > 1;
  // Anchors are numbered, so no evidence string ever reaches an id or a URL.
  const fileRows = files.map((f, i) => {
    const byRule = new Map(f.results.map((r) => [r.rule, r]));
    const cell = (id: string) => { const r = byRule.get(id); return r ? `<td class="c r-${r.status}">${result(r.status)}</td>` : `<td class="c r-none">${notAudited}</td>`; };
    const cells = f.status === 'invalid' ? [`<td class="r-none" colspan="${rules.length}">${notAudited}: the file could not be read or checked (see its page)</td>`] : rules.map((r) => cell(r.id));
    const name = `<a href="#p${i}">${who(f.provider, f.provider_name)}</a><span class="pid">${h(f.provider)}</span>`;
    return { of: f, html: rowOf(name, [...(several ? [`<td class="q">${label(report, f.period)}</td>`] : []), `<td class="c f-${f.status}"><strong>${STATUS[f.status]}</strong></td>`, ...cells]) };
  });
  const missingRows = report.missing.map((m) => ({
    of: m,
    html: rowOf(`<a href="#missing">${h(m.name)}</a><span class="pid">${h(m.provider)}</span>`, [
      ...(several ? [`<td class="q">${label(report, m.period)}</td>`] : []),
      `<td class="c f-none"><strong>${NO_RETURN}</strong></td>`,
      `<td class="r-none" colspan="${rules.length}">${h(missingWords(m, periodLabel(report, m.period)))}</td>`,
    ]),
  }));
  const rows = [...fileRows, ...missingRows].sort((a, b) => compare(a.of.provider, b.of.provider) || compare(a.of.period ?? '', b.of.period ?? '')).map((r) => r.html);
  const key = [...(['pass', 'fail', 'warn', 'info', 'waived', 'skip'] as const).map((s) => `<span class="tag r-${s}">${result(s)}</span>`), `<span class="tag r-none">${notAudited}</span>`].join(' ');
  const ruleKey = rules.map((r, i) => `<li><strong>R${i + 1}</strong> ${h(r.title)} <span class="rid">${h(r.id)}, ${r.severity}; ${h(r.citation.document)}, ${h(r.citation.section)}</span></li>`);
  return `<h2>Providers and rules</h2>
${table('matrix', `Each provider’s result on each rule of the ${h(report.pack.id)} pack, ${quarters(report)}`, ['Provider', ...(several ? ['Quarter'] : []), 'Status', ...head], rows)}
<p>Key: ${key}. Warn is a concern in a rule that otherwise passes; Info is an aspirational element not yet met; Waived is a failure the commissioner has waived; Skip means the rule does not apply.</p>
<ol class="rules">${ruleKey.join('')}</ol>`;
}

function history(report: Report): string {
  const { periods, providers } = report.history;
  if (periods.length === 0) return '';
  const rows = providers.map((p) => rowOf(who(p.provider, p.provider_name), p.statuses.map((s) => `<td>${chip(s)}</td>`)));
  return `<h2>Status by quarter</h2>${table('history', 'Each provider’s overall status in each quarter audited', ['Provider', ...periods.map((q) => label(report, q))], rows)}`;
}

function trail(report: Report, provider: string): string {
  const p = report.history.providers.find((x) => x.provider === provider);
  if (!p || report.history.periods.length < 2) return '';
  const steps = report.history.periods.map((q, i) => `<li><span>${label(report, q)}</span>${chip(p.statuses[i] ?? null)}</li>`);
  return `<ol class="trail" aria-label="Status by quarter"><li aria-hidden="true">By quarter:</li>${steps.join('<li aria-hidden="true">→</li>')}</ol>`;
}

function changes(report: Report): string {
  const c = report.changes!;
  const names = new Map(c.providers.map((p) => [p.provider, p.provider_name]));
  const titles = new Map(report.rules.map((r) => [r.id, r.title]));
  const moved = c.providers.filter((p) => p.previous && p.current && p.previous !== p.current);
  const side = (s: FileStatus | null, period: string | null) => `<td>${chip(s)} ${period ? label(report, period) : ''}</td>`;
  const rows = moved.map((p) => rowOf(who(p.provider, p.provider_name), [side(p.previous, p.previous_period), side(p.current, p.current_period)]));
  const moves = moved.length ? table('moves', 'Providers whose overall status moved', ['Provider', 'Last quarter', 'This quarter'], rows) : '<p>No provider’s overall status moved.</p>';
  const groups = ([['newly-failing', 'Newly failing'], ['fixed', 'Fixed'], ['still-failing', 'Still failing']] as const).map(([kind, heading]) => {
    const items = c.rules.filter((r) => r.change === kind).map((r) => {
      const now = `<span class="tag r-${r.current}">${result(r.current)}</span> <span class="muted">(was ${result(r.previous)})</span>`;
      return `<strong>${who(r.provider, names.get(r.provider))}</strong>: ${h(titles.get(r.rule) ?? r.rule)} ${now}<br>${kind === 'fixed' ? 'Was: ' : ''}${h(r.message)}`;
    });
    return items.length ? `<h3>${heading}</h3>${list(items)}` : '';
  });
  const people = (heading: string, ids: string[]) => (ids.length ? `<h3>${heading}</h3>${list(ids.map((p) => `${who(p, names.get(p))} <span class="rid">${h(p)}</span>`))}` : '');
  const note = c.previous.note ? `<p><strong>Note:</strong> ${h(c.previous.note)}.</p>` : '';
  return `<h2>Changes since last quarter</h2><p>Compared with <span class="muted">${h(c.previous.source)}</span>.</p>${note}
<h3>Status moves</h3>${moves}${groups.join('')}${people('New providers', c.new_providers)}${people('Did not submit', c.not_submitted)}`;
}

function missing(report: Report): string {
  if (report.missing.length === 0) return '';
  const items = report.missing.map((m: MissingReturn) => `${h(missingWords(m, periodLabel(report, m.period)))}${m.file ? ` <span class="at">${h(m.file)}, line ${m.line ?? 1}, column ${m.column ?? 1}</span>` : ''}`);
  return `<h2 id="missing">Missing returns</h2><p>Each counts as red until the return is received.</p>${list(items)}`;
}

function waivers(report: Report): string {
  if (report.waivers.length === 0) return '';
  const names = new Map(report.history.providers.map((p) => [p.provider, p.provider_name]));
  const rows = report.waivers.map((w) =>
    rowOf(`${who(w.provider, names.get(w.provider))}<span class="pid">${h(w.provider)}</span>`, [w.rule, w.period ? periodLabel(report, w.period) : 'any', w.approved_by, w.expires, waiverState(report, w), w.reason].map((x) => `<td>${h(x)}</td>`)));
  return `<h2>Waivers</h2>${table('waivers', `Each waiver and what it did, as judged on ${h(report.as_of)}`, ['Provider', 'Rule', 'Quarter', 'Approved by', 'Until', 'State', 'Reason'], rows)}`;
}

function finding(r: RuleResult): string {
  const found = r.findings.filter((n) => n.status === 'fail' || n.status === 'warn');
  const notes = (found.length ? found : [r]).map((n) => `${h(n.message)} ${at(n.line, n.column)}`);
  const quote = r.citation.quote ? `<blockquote>${h(r.citation.quote)}</blockquote>` : '';
  const w = r.waiver;
  const waiver = !w ? '' : w.lapsed
    ? `<p><strong>Waiver lapsed</strong> on ${h(w.expires)}, so the failure stands (approved by ${h(w.approved_by)}: ${h(w.reason)}).</p>`
    : `<p><strong>Waived</strong> until ${h(w.expires)} by ${h(w.approved_by)}: ${h(w.reason)}</p>`;
  return `<div class="finding r-${r.status}"><h4><span class="tag r-${r.status}">${result(r.status)}</span>${h(r.title)} <span class="rid">${h(r.rule)}, ${r.severity}</span></h4>
${list(notes)}${waiver}<p class="cite"><strong>Policy:</strong> ${htmlLink(r.citation.document, r.citation.url)}, section ${h(r.citation.section)}:</p>${quote}
<p class="hint"><strong>How to put it right:</strong> ${h(r.hint)}</p></div>`;
}

function provider(report: Report, f: FileReport, i: number, title: string): string {
  const failing = f.results.filter(needsAction);
  const waived = f.results.filter((r) => r.status === 'waived');
  const info = f.results.flatMap((r) => r.findings.filter((n) => n.status === 'info').map((n) => `${h(r.title)}: ${h(n.message)}`));
  const skipped = f.results.filter((r) => r.status === 'skip').map((r) => `${h(r.title)}: ${h(r.message)}`);
  const praise = f.results.flatMap((r) => r.commendations.map((c) => `<span aria-hidden="true">★</span> ${h(c.message)} ${at(c.line, c.column)}`));
  const parts = [
    `<section class="provider" id="p${i}"><p class="runhead">${title}</p><h2>${who(f.provider, f.provider_name)} ${chip(f.status)}</h2>`,
    `<p class="muted">${h(f.provider)} · ${label(report, f.period)}${f.service_type ? ` · judged as ${h(serviceLabel(f.service_type))}` : ''}${f.submitted_on ? ` · submitted ${h(f.submitted_on)}` : ''} · ${h(f.file)}</p>`,
    trail(report, f.provider),
  ];
  if (f.status === 'invalid') parts.push('<h3>Could not be audited</h3><p>This return counts as red until it is corrected and sent again.</p>', list(f.errors.map((e) => `${h(e.message)} ${at(e.line, e.column)}`)));
  else if (failing.length) parts.push('<h3>Needs attention</h3>', ...failing.map(finding));
  else parts.push(`<p>Every required and recommended rule is met${waived.length ? ' or waived' : ''}.</p>`);
  if (waived.length) parts.push('<h3>Waived by the commissioner</h3>', ...waived.map(finding));
  if (praise.length) parts.push('<h3>Commendations</h3>', list(praise));
  if (info.length) parts.push('<h3>For information</h3>', list(info));
  if (skipped.length) parts.push('<h3>Not applicable</h3>', list(skipped));
  if (f.warnings.length) parts.push('<h3>Notes on the file</h3>', list(f.warnings.map((w) => `${h(w.message)} ${at(w.line, w.column)}`)));
  return `${parts.join('\n')}</section>`;
}

export const renderHtml: Formatter = (report) => {
  const title = `Involvement audit: ${h(report.pack.title)}, ${quarters(report)}`;
  const files = [...report.files].sort(byProviderThenPeriod);
  const body = files.length === 0 && report.missing.length === 0
    ? '<p>No evidence files (*.yaml, *.yml) were found.</p>'
    : [summary(report), matrix(report, files), missing(report), history(report), report.changes ? changes(report) : '', waivers(report), ...files.map((f, i) => provider(report, f, i, title))].join('\n');
  // The CSP is belt and braces: nothing is meant to run or load, and if escaping ever failed nothing could.
  return `<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title><style>${CSS}</style></head>
<body><header><h1>${title}</h1><p>${report.summary.files} return${report.summary.files === 1 ? '' : 's'} audited against the rule pack ${h(report.pack.title)} (${h(report.pack.id)}), ${h(packRevision(report.pack))}, as of ${h(report.as_of)}.</p></header>
<main>${body}</main>
<footer>Produced by involve ${h(report.tool.version)} with the ${h(report.pack.lineage.join(' → '))} rule pack${report.pack.lineage.length === 1 ? '' : 's'}.</footer>
</body></html>
`;
};

// Report stage: the dossier as Markdown to paste into a contract review's papers: the provider, its quarters, the
// failures that persisted or came back, its waivers, then every rule quarter by quarter with its policy clause.
import { escapeMarkdown as md, markdownLink } from '../escape/markdown.ts';
import { resultLabel as result, waiverState } from '../formats/labels.ts';
import { packRevision, serviceLabel, type Note } from '../model.ts';
import type { ReviewFormatter } from './index.ts';
import { dueWords, expiryWords, QUARTER_MEANINGS, QUARTER_WORDS, rangeWords, reviewStreakWords, summaryWords } from './labels.ts';
import { quarterLabel, type Review, type ReviewRule } from './model.ts';

const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
const table = (head: string[], rows: string[][]) => [row(head), row(head.map(() => '---')), ...rows.map(row)];
const at = (n: Pick<Note, 'line' | 'column'>) => `line ${n.line}, column ${n.column}`;
const q = (review: Review, period: string) => md(quarterLabel(review, period));

export function titleOf(review: Review): string {
  const { id, name } = review.provider;
  return name ? `${name} (${id})` : id;
}

function provider(review: Review): string[] {
  const r = review.provider.register;
  if (!r) return ['## The provider', '', `${md(review.provider.id)} is not in the provider register (involve.config.yaml), so no quarter is known to be due or not.`];
  return ['## The provider', '', ...table(['Register', ''], [
    ['Name', md(r.name)],
    ['Provider id', md(r.id)],
    ['Contract', r.contract ? md(r.contract) : 'not given'],
    ['Service type', r.service_type ? md(serviceLabel(r.service_type)) : 'not given (each return’s own)'],
    ['Returns due', md(dueWords(review, r))],
  ])];
}

function quarters(review: Review): string[] {
  const rows = review.quarters.map((x) => {
    const files = x.returns.map((f) => md(f.file)).join('; ') || '—';
    const submitted = x.returns.map((f) => md(f.submitted_on ?? 'not given')).join('; ') || '—';
    return [q(review, x.period), `**${QUARTER_WORDS[x.status]}**`, submitted, files];
  });
  const absent = (['missing', 'no-return', 'not-due'] as const).filter((state) => review.quarters.some((x) => x.status === state));
  const undated = review.undated.map((f) => `- ${md(f.file)}: **${QUARTER_WORDS[f.status]}**, its quarter cannot be told`);
  return [
    '## Status by quarter',
    '',
    ...table(['Quarter', 'Status', 'Submitted', 'Return'], rows),
    '',
    summaryWords(review),
    ...absent.flatMap((state) => ['', `${QUARTER_WORDS[state]}: ${QUARTER_MEANINGS[state]}.`]),
    ...(undated.length ? ['', ...undated] : []),
  ];
}

function grid(review: Review): string[] {
  const rows = review.rules.map((rule, i) => {
    const byPeriod = new Map(rule.results.map((r) => [r.period, r.status]));
    return [`R${i + 1} ${md(rule.id)}`, ...review.quarters.map((x) => { const s = byPeriod.get(x.period); return s ? result(s) : '—'; })];
  });
  return ['## Rules by quarter', '', ...table(['Rule', ...review.quarters.map((x) => q(review, x.period))], rows), '', '— no result: no return, or one that could not be read or checked.'];
}

function failures(review: Review): string[] {
  const title = (id: string) => md(review.rules.find((r) => r.id === id)?.title ?? id);
  const persistent = review.persistent.map((p) => `- **${title(p.rule)}** (${md(p.rule)}): ${md(reviewStreakWords(review, p))}`);
  const recurring = review.recurring.map((r) => `- **${title(r.rule)}** (${md(r.rule)}): failed in ${r.failed_in.map((p) => q(review, p)).join(', ')}; now ${r.now ? result(r.now) : 'no result'}`);
  return [
    '## Failures that persisted',
    '',
    ...(persistent.length ? persistent : ['None: no rule failed at two returns running up to the latest.']),
    ...(recurring.length ? ['', 'Failed in two or more quarters, but not without a break up to now:', '', ...recurring] : []),
  ];
}

function waivers(review: Review): string[] {
  if (review.waivers.length === 0) return ['## Waivers', '', `None for ${md(review.provider.id)}.`];
  const rows = review.waivers.map((w) => [
    md(w.rule),
    w.period ? q(review, w.period) : 'any',
    md(w.approved_by),
    md(expiryWords(w)) + (w.expiring ? ' **(expiring soon)**' : ''),
    md(waiverState(review, w)),
    w.used_in.map((p) => q(review, p)).join(', ') || '—',
    md(w.reason),
  ]);
  const expiring = review.waivers.filter((w) => w.expiring).length;
  return [
    '## Waivers',
    '',
    `Each of ${md(review.provider.id)}’s waivers and what it did, as judged on ${md(review.as_of)}; ${expiring} expiring within 90 days.`,
    '',
    ...table(['Rule', 'Quarter', 'Approved by', 'Until', 'State', 'Used in', 'Reason'], rows),
  ];
}

function rule(review: Review, r: ReviewRule, i: number): string[] {
  const c = r.citation;
  const byPeriod = new Map(r.results.map((x) => [x.period, x]));
  const lines = [
    `### R${i + 1} ${md(r.title)} (${md(r.id)}, ${r.severity})`,
    '',
    `Policy: ${markdownLink(c.document, c.url)}, section ${md(c.section)}: “${md(c.quote)}”`,
    ...(c.interpretation ? ['', `How this pack reads it: ${md(c.interpretation)}`] : []),
    ...(r.effective_from ? ['', `In force from ${q(review, r.effective_from)}.`] : []),
    '',
  ];
  for (const x of review.quarters) {
    const res = byPeriod.get(x.period);
    if (!res) {
      lines.push(`- **${q(review, x.period)}**: no result (${QUARTER_WORDS[x.status]})`);
      continue;
    }
    // The file and line let a reader find the return's own words.
    lines.push(`- **${q(review, x.period)}**: ${result(res.status)}: ${md(res.message)} (${md(res.file)}, ${at(res)})`);
    // The headline is the result's message; a note saying the same again would only lengthen the papers.
    for (const n of res.findings.filter((f) => f.message !== res.message)) lines.push(`  - ${result(n.status)}: ${md(n.message)} (${at(n)})`);
    for (const n of res.evidence.filter((e) => e.message !== res.message)) lines.push(`  - Evidence: ${md(n.message)} (${at(n)})`);
    for (const n of res.commendations) lines.push(`  - Commended: ${md(n.message)} (${at(n)})`);
    const w = res.waiver;
    if (w) lines.push(w.lapsed ? `  - Waiver lapsed on ${md(w.expires)}, so the failure stands (approved by ${md(w.approved_by)}: ${md(w.reason)})` : `  - Waived until ${md(w.expires)} by ${md(w.approved_by)}: ${md(w.reason)}`);
  }
  if (r.streak) lines.push('', `Now ${md(reviewStreakWords(review, r.streak))}.`);
  return lines;
}

export const renderReviewMarkdown: ReviewFormatter = (review) => {
  const intro = `Contract review, ${md(rangeWords(review))}: ${review.quarters.length} quarters judged against the ${md(review.pack.id)} rule pack (${md(review.pack.title)}), ${md(packRevision(review.pack))}, by involve ${md(review.tool.version)}, as of ${md(review.as_of)}.`;
  // What a meeting discusses first (status, persistent failures, waivers), then the detail it may turn to.
  const sections = [provider(review), quarters(review), failures(review), waivers(review), grid(review), ['## Each rule, quarter by quarter', '', ...review.rules.flatMap((r, i) => [...rule(review, r, i), ''])]];
  return [`# ${md(titleOf(review))}`, '', intro, ...sections.flatMap((s) => ['', ...s])].join('\n').replace(/\n+$/, '\n');
};

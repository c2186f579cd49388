// Report stage: the dossier for a person at a terminal: the provider, a rules × quarters grid with each quarter's
// status, the failures that persisted or came back, the waivers, then each rule's results, evidence and clause.
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import { cleanForTerminal as clean } from '../escape/terminal.ts';
import { RESULT, resultLabel, waiverState } from '../formats/labels.ts';
import { packRevision, serviceLabel, type RuleStatus } from '../model.ts';
import type { ReviewFormatter } from './index.ts';
import { dueWords, expiryWords, QUARTER_WORDS, rangeWords, reviewStreakWords, summaryWords } from './labels.ts';
import { quarterLabel, type QuarterState, type Review } from './model.ts';

const borderless = { chars: { top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '', left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: ' ' } };

export const renderReviewTable: ReviewFormatter = (review, { color }) => {
  const c = new Chalk({ level: color });
  const rule: Record<RuleStatus, (s: string) => string> = { pass: c.green, fail: c.red, warn: c.yellow, info: c.cyan, skip: c.gray, waived: c.blue };
  const quarter: Record<QuarterState, (s: string) => string> = { green: c.green.bold, amber: c.yellow.bold, red: c.red.bold, invalid: c.magenta.bold, missing: c.red.bold, 'no-return': c.dim, 'not-due': c.dim };
  const label = (p: string) => quarterLabel(review, p);
  const { id, name, register } = review.provider;
  const lines = [
    `${c.bold(`Contract review · ${name ? `${clean(name)} (${clean(id)})` : clean(id)}`)} · ${rangeWords(review)}`,
    c.dim(`pack ${review.pack.id}, ${packRevision(review.pack)} · as of ${review.as_of}`),
  ];
  if (register) {
    lines.push(`Register: ${clean(register.name)} · contract ${clean(register.contract ?? 'not given')} · ${register.service_type ? serviceLabel(register.service_type) : 'service type not given'} · returns due ${dueWords(review, register)}`);
  } else lines.push(`Register: ${clean(id)} is not in the provider register`);

  // Quarters across, rules down, as a commissioner reads a year: one column per return, marks in colour and shape.
  const grid = new Table({ head: ['', ...review.quarters.map((q) => label(q.period))].map((h) => c.dim(h)), style: { head: [], border: [] }, ...borderless });
  grid.push(['Status', ...review.quarters.map((q) => quarter[q.status](QUARTER_WORDS[q.status].toUpperCase()))]);
  for (const r of review.rules) {
    const byPeriod = new Map(r.results.map((x) => [x.period, x.status]));
    grid.push([r.id, ...review.quarters.map((q) => { const s = byPeriod.get(q.period); return s ? rule[s](RESULT[s].mark) : '—'; })]);
  }
  lines.push('', grid.toString(), c.dim(`${(['pass', 'fail', 'warn', 'info', 'waived', 'skip'] as const).map(resultLabel).join('  ')}  — no result`));
  lines.push(summaryWords(review));
  for (const f of review.undated) lines.push(`${quarter[f.status](QUARTER_WORDS[f.status].toUpperCase())} ${clean(f.file)}: its quarter cannot be told`);

  lines.push('', c.bold('Failures that persisted'));
  if (review.persistent.length === 0) lines.push('  none');
  for (const p of review.persistent) lines.push(`  ${rule.fail(RESULT.fail.mark)} ${p.rule}: ${reviewStreakWords(review, p)}`);
  // ↺: back again, or on and off; not a run up to now.
  for (const r of review.recurring) lines.push(`  ${rule.warn('↺')} ${r.rule}: failed in ${r.failed_in.map(label).join(', ')}; now ${r.now ? resultLabel(r.now) : 'no result'}`);

  lines.push('', c.bold(`Waivers (as at ${review.as_of})`));
  if (review.waivers.length === 0) lines.push('  none');
  for (const w of review.waivers) {
    const used = w.used_in.length ? `; used in ${w.used_in.map(label).join(', ')}` : '';
    const soon = w.expiring ? c.yellow(' · expiring soon') : '';
    lines.push(`  ${w.rule}${w.period ? ` (${label(w.period)})` : ''}: ${clean(waiverState(review, w))}; ${expiryWords(w)}${soon}${used}`, c.dim(`    ${clean(w.approved_by)}: ${clean(w.reason)}`));
  }

  for (const r of review.rules) {
    lines.push('', `${c.bold(r.id)} · ${clean(r.title)} · ${r.severity}`, c.dim(`  ${clean(r.citation.document)}, section ${clean(r.citation.section)}: "${clean(r.citation.quote)}"`));
    for (const x of r.results) {
      lines.push(`  ${label(x.period)} ${rule[x.status](resultLabel(x.status))}: ${clean(x.message)} ${c.dim(`${clean(x.file)}:${x.line}:${x.column}`)}`);
      // The headline already says what the first note says.
      for (const n of x.findings) if (n.message !== x.message) lines.push(`      ${rule[n.status](RESULT[n.status].mark)} ${clean(n.message)} ${c.dim(`line ${n.line}`)}`);
      for (const n of x.evidence) if (n.message !== x.message) lines.push(`      evidence: ${clean(n.message)} ${c.dim(`line ${n.line}`)}`);
      if (x.waiver) lines.push(`      ${x.waiver.lapsed ? `waiver lapsed on ${x.waiver.expires}` : `waived until ${x.waiver.expires}`}: ${clean(x.waiver.reason)}`);
    }
    if (r.streak) lines.push(`  ${rule.fail(reviewStreakWords(review, r.streak))}`);
  }
  return `${lines.join('\n')}\n`;
};

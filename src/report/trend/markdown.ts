// Report stage: the trend as Markdown for meeting papers: status by quarter, returns counted by quarter, the rules
// failing now and since when, what moved since the quarter before, and the rules failing most.
import { escapeMarkdown as md } from '../escape/markdown.ts';
import type { TrendFormatter } from './index.ts';
import type { StatusMove, Trend } from './model.ts';
import { againstWords, introWords, noteWords, KEY_NONE, moveWords, QUARTER_WORD, spanWords, trendStreakWords, titleOf } from './words.ts';

const COUNTED = ['green', 'amber', 'red', 'invalid', 'missing'] as const;
const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
const table = (head: string[], align: string[], rows: string[][]) => [row(head), row(align), ...rows.map(row)];
const who = (provider: string, name?: string) => (name ? `${md(name)} (${md(provider)})` : md(provider));

function statuses(trend: Trend): string[] {
  const head = ['Provider', ...trend.quarters.map((q) => md(q.label))];
  // A status in bold, as the audit's matrix has it; the dash for nothing expected stays light, so the eye skips it.
  const rows = trend.providers.map((p) => [who(p.provider, p.name), ...p.statuses.map((s) => (s === 'none' ? QUARTER_WORD[s] : `**${QUARTER_WORD[s]}**`))]);
  const counts = COUNTED.map((s) => [QUARTER_WORD[s], ...trend.quarters.map((q) => String(q.counts[s]))]);
  return [
    '## Status by quarter',
    '',
    ...table(head, head.map(() => '---'), rows),
    '',
    `Key: ${KEY_NONE}. Red: a required rule fails. Amber: a recommended rule fails, or a rule warns. Invalid: the return could not be read or checked. No return: the register expected one.`,
    '',
    '## Returns by quarter',
    '',
    ...table(['Status', ...head.slice(1)], head.map((_, i) => (i === 0 ? '---' : '---:')), counts),
  ];
}

function streaks(trend: Trend): string[] {
  const lines = trend.providers.flatMap((p) => p.streaks.map((s) => `- ${who(p.provider, p.name)}: ${md(titleOf(trend, s.rule))} (${md(s.rule)}), ${md(trendStreakWords(trend, s))}`));
  return ['## Failing now, and for how long', '', ...(lines.length ? lines : ['No rule is failing.'])];
}

function changes(trend: Trend): string[] {
  const c = trend.changes;
  if (!c) return [];
  const names = new Map(trend.providers.map((p) => [p.provider, p.name]));
  const move = (m: StatusMove) => `- ${who(m.provider, m.name)}: ${moveWords(m)}`;
  const lines = ['## Since the quarter before', '', `${md(againstWords(trend, c))}.`];
  if (c.improved.length) lines.push('', '### Improved', '', ...c.improved.map(move));
  if (c.slipped.length) lines.push('', '### Slipped', '', ...c.slipped.map(move));
  for (const [kind, heading] of [['newly-failing', 'Newly failing'], ['fixed', 'Fixed']] as const) {
    const rows = c.rules.filter((r) => r.change === kind);
    if (rows.length) lines.push('', `### ${heading}`, '', ...rows.map((r) => `- ${who(r.provider, names.get(r.provider))}: ${md(titleOf(trend, r.rule))} (${md(r.rule)})`));
  }
  if (lines.length === 3) lines.push('', 'No provider and no rule moved.');
  return lines;
}

// A table rather than sentences: papers compare the numbers down the columns.
function mostFailed(trend: Trend): string[] {
  if (trend.most_failed.length === 0) return [];
  const rows = trend.most_failed.map((m) => [`${md(m.title)} (${md(m.rule)})`, String(m.failing), String(m.judged), String(m.failing_latest)]);
  const latest = trend.quarters.at(-1)!.label;
  return ['## Rules failing most', '', ...table(['Rule', 'Provider-quarters failing', 'Judged', `Providers failing in ${md(latest)}`], ['---', '---:', '---:', '---:'], rows)];
}

export const renderTrendMarkdown: TrendFormatter = (trend) => {
  const title = `# Involvement trend: ${md(trend.pack.title)}, ${md(spanWords(trend))}`;
  if (trend.providers.length === 0) return [title, '', 'No return was found in these quarters.', ''].join('\n');
  const notes = noteWords(trend).map((n) => `- ${md(n)}`);
  const sections = [statuses(trend), streaks(trend), changes(trend), mostFailed(trend), notes.length ? ['## Notes', '', ...notes] : []].filter((s) => s.length > 0);
  return [title, '', md(introWords(trend)), ...sections.flatMap((s) => ['', ...s]), ''].join('\n');
};

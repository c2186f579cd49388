// Report stage: the trend for a person at a terminal: providers × quarters, returns counted by quarter, the rules
// failing now and for how long, what moved since the quarter before, and the rules failing most.
import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import { cleanForTerminal as clean } from '../escape/terminal.ts';
import { packRevision } from '../model.ts';
import type { TrendFormatter } from './index.ts';
import type { QuarterStatus, StatusMove, Trend } from './model.ts';
import { againstWords, failingWords, noteWords, KEY_NONE, QUARTER_WORD, spanWords, trendStreakWords } from './words.ts';

const COUNTED = ['green', 'amber', 'red', 'invalid', 'missing'] as const;

function painter(c: ChalkInstance): Record<QuarterStatus, (s: string) => string> {
  return { green: c.green.bold, amber: c.yellow.bold, red: c.red.bold, invalid: c.magenta.bold, missing: c.red, none: c.dim };
}

const plain = { head: [], border: [] };

function grid(trend: Trend, paint: ReturnType<typeof painter>): string[] {
  const head = ['Provider', ...trend.quarters.map((q) => q.label)];
  const table = new Table({ head, style: plain, chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' } });
  // The audit's table says a file's status in capitals; so does this, and "No return" and "—" as they are.
  const word = (s: QuarterStatus) => paint[s](s === 'missing' || s === 'none' ? QUARTER_WORD[s] : QUARTER_WORD[s].toUpperCase());
  for (const p of trend.providers) table.push([clean(p.provider), ...p.statuses.map(word)]);
  const counts = new Table({ head: ['Returns', ...trend.quarters.map((q) => q.label)], colAligns: ['left', ...trend.quarters.map(() => 'right' as const)], style: plain, chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' } });
  for (const s of COUNTED) counts.push([paint[s](QUARTER_WORD[s]), ...trend.quarters.map((q) => String(q.counts[s]))]);
  return [table.toString(), KEY_NONE, '', counts.toString()];
}

function streaks(trend: Trend, bold: (s: string) => string, width: number): string[] {
  const lines = trend.providers.flatMap((p) => p.streaks.map((s) => wrap(`  ${clean(p.provider)} · ${s.rule}: ${trendStreakWords(trend, s)}`, width)));
  return ['', bold('Failing now, and for how long'), ...(lines.length ? lines.flat() : ['  No rule is failing.'])];
}

function changes(trend: Trend, paint: ReturnType<typeof painter>, bold: (s: string) => string): string[] {
  const c = trend.changes;
  if (!c) return [];
  const move = (m: StatusMove) => `    ${clean(m.provider)}: ${paint[m.previous](QUARTER_WORD[m.previous])} → ${paint[m.current](QUARTER_WORD[m.current])}`;
  const lines = ['', bold(`Since the quarter before: ${againstWords(trend, c)}`)];
  if (c.improved.length) lines.push('  Improved:', ...c.improved.map(move));
  if (c.slipped.length) lines.push('  Slipped:', ...c.slipped.map(move));
  for (const [kind, heading] of [['newly-failing', 'Newly failing'], ['fixed', 'Fixed']] as const) {
    const rows = c.rules.filter((r) => r.change === kind);
    if (rows.length) lines.push(`  ${heading}:`, ...rows.map((r) => `    ${clean(r.provider)} · ${r.rule}`));
  }
  if (lines.length === 2) lines.push('  No provider and no rule moved.');
  return lines;
}

function mostFailed(trend: Trend, bold: (s: string) => string, width: number): string[] {
  const lines = trend.most_failed.map((m) => wrap(`  ${m.rule} (${clean(m.title)}): ${failingWords(trend, m)}`, width));
  return lines.length ? ['', bold('Rules failing most'), ...lines.flat()] : [];
}

/** Words to lines no wider than `width`, the first keeping its indent and the rest indented further. */
function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  const lead = /^ */.exec(text)![0];
  let line = lead;
  for (const word of text.slice(lead.length).split(' ')) {
    if (line.trim() && line.length + 1 + word.length > width) {
      out.push(line);
      line = `${lead}    ${word}`;
    } else line = line.trim() ? `${line} ${word}` : line + word;
  }
  return [...out, line];
}

export const renderTrendTable: TrendFormatter = (trend, { color, width }) => {
  const c = new Chalk({ level: color });
  const paint = painter(c);
  const title = `${c.bold('Involvement trend')} · pack ${trend.pack.id} (${clean(trend.pack.title)}), ${clean(packRevision(trend.pack))} · ${spanWords(trend)}`;
  if (trend.providers.length === 0) return [title, '', 'No return was found in these quarters.'].join('\n');
  const notes = noteWords(trend).map(clean);
  return [
    title,
    '',
    ...grid(trend, paint),
    ...streaks(trend, c.bold, width),
    ...changes(trend, paint, c.bold),
    ...mostFailed(trend, c.bold, width),
    ...(notes.length ? ['', c.bold('Notes'), ...notes.flatMap((n) => wrap(`  ${n}`, width))] : []),
  ].join('\n');
};

// Report stage: a pack's obligation register for a person at a terminal: a table per policy (the obligation, its
// section and what its words imply; the words; the rules that check it or why none does), then the share checked.
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import { coverageSentence, noRegister, UNCHECKED_REASONS, type CoverageRow } from '../../packs/register.ts';
import { cleanForTerminal as clean } from '../escape/terminal.ts';
import type { CoverageFormatter } from './index.ts';

export const renderCoverageTable: CoverageFormatter = (coverage, { color, width }) => {
  const paint = new Chalk({ level: color });
  const { pack, obligations, summary } = coverage;
  const title = `${paint.bold('Obligation register')} · pack ${pack.id} (${clean(pack.title)})`;
  if (!obligations || !summary) return [title, '', clean(noRegister(pack))].join('\n');

  const checkedBy = (o: CoverageRow) =>
    o.unchecked
      ? `${paint.yellow(`not checked: ${UNCHECKED_REASONS[o.unchecked]}`)}\n${paint.dim(clean(o.why ?? ''))}`
      : o.rules.map((r) => (r.severity === 'off' ? paint.red(`${r.id} (off here)`) : `${paint.green(r.id)} (${r.severity})`)).join('\n');
  // An id is never cut: cli-table3 truncates a word longer than its column.
  const idWidth = Math.min(40, Math.max(18, ...obligations.map((o) => o.id.length)) + 2);
  const rulesWidth = 30;
  const wordsWidth = Math.max(24, width - idWidth - rulesWidth - 4);
  const lines = [title];
  for (const document of new Set(obligations.map((o) => o.document))) {
    const table = new Table({
      head: ['Obligation', 'Words', 'Checked by'].map((h) => paint.dim(h)),
      colWidths: [idWidth, wordsWidth, rulesWidth],
      wordWrap: true,
      style: { head: [], border: [] },
    });
    for (const o of obligations.filter((x) => x.document === document)) {
      table.push([`${o.id}\n${paint.dim(clean(o.section))}\nwording: ${o.wording}`, clean(o.words), checkedBy(o)]);
    }
    lines.push('', paint.bold(clean(document)), table.toString());
  }
  lines.push('', coverageSentence(summary));
  return lines.join('\n');
};

// CLI command `involve rules`: a pack's rules as a table.
import Table from 'cli-table3';
import { resolveSettings, type SettingsOptions } from '../settings.ts';
import type { Io } from '../io.ts';

export function listRules(options: SettingsOptions, io: Io): number {
  const pack = resolveSettings(options, '.', io)?.pack;
  if (!pack) return 2;
  const width = Math.max(80, Math.min(io.stdout.columns ?? 100, 160));
  const table = new Table({
    head: ['Rule', 'Severity', 'Title', 'Policy'],
    colWidths: [30, 14, Math.floor((width - 50) / 2), Math.floor((width - 50) / 2)],
    wordWrap: true,
    style: { head: [], border: [] },
  });
  for (const rule of pack.rules) table.push([rule.id, rule.severity, rule.title, `${rule.citation.document}, ${rule.citation.section}`]);
  const lineage = pack.lineage.length > 1 ? ` (extends ${pack.lineage.slice(1).join(' → ')})` : '';
  const lines = [`Pack ${pack.id} version ${pack.version} (hash ${pack.hash}): ${pack.title}${lineage}`, table.toString()];
  if (pack.off.length) lines.push(`Off in this pack: ${pack.off.join(', ')}`);
  lines.push('Run `involve explain RULE` for what a rule checks and how to put it right.');
  io.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

// Report stage: a pack's obligation register as GitHub-flavoured Markdown, for meeting papers: the share checked,
// then a table per policy. Every string from the pack is escaped (escape/markdown.ts).
import { coverageSentence, noRegister, UNCHECKED_REASONS, type CoverageRow } from '../../packs/register.ts';
import { escapeMarkdown as md } from '../escape/markdown.ts';
import type { CoverageFormatter } from './index.ts';

// Ids are lowercase slugs (the schemas say so), safe in a code span.
function checkedBy(o: CoverageRow): string {
  if (o.unchecked) return `Not checked: ${UNCHECKED_REASONS[o.unchecked]}. ${md(o.why ?? '')}`;
  return o.rules.map((r) => `\`${r.id}\` (${r.severity === 'off' ? 'off in this configuration' : r.severity})`).join(', ');
}

export const renderCoverageMarkdown: CoverageFormatter = (coverage) => {
  const { pack, obligations, summary } = coverage;
  const lines = [`# Obligation register: ${md(pack.title)} (\`${pack.id}\`)`, ''];
  if (!obligations || !summary) return [...lines, md(noRegister(pack))].join('\n');
  lines.push(`${md(coverageSentence(summary))}.`);
  for (const document of new Set(obligations.map((o) => o.document))) {
    lines.push('', `## ${md(document)}`, '', '| Obligation | Section | Words | Wording | Checked by |', '| --- | --- | --- | --- | --- |');
    for (const o of obligations.filter((x) => x.document === document)) {
      lines.push(`| \`${o.id}\` | ${md(o.section)} | ${md(o.words)} | ${o.wording} | ${checkedBy(o)} |`);
    }
  }
  return lines.join('\n');
};

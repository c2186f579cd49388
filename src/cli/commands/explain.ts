// CLI command `involve explain RULE`: the rule as the chosen pack runs it, in plain words.
import { didYouMean } from '../../validate/did-you-mean.ts';
import { resolveSettings, type SettingsOptions } from '../settings.ts';
import type { Io } from '../io.ts';

const show = (value: unknown) => (Array.isArray(value) ? value.join(', ') : String(value));

export function explain(ruleId: string, options: SettingsOptions, io: Io): number {
  const pack = resolveSettings(options, '.', io)?.pack;
  if (!pack) return 2;
  const rule = pack.rules.find((r) => r.id === ruleId);
  if (!rule) {
    if (pack.off.includes(ruleId)) {
      io.stdout.write(`${ruleId} is off in pack ${pack.id}: the pack's policy does not ask it of providers.\n`);
      return 0;
    }
    const suggestion = didYouMean(ruleId, [...pack.rules.map((r) => r.id), ...pack.off]);
    io.stderr.write(`involve: pack ${pack.id} has no rule "${ruleId}"${suggestion ? `; did you mean "${suggestion}"?` : ''} (see: involve rules --rules ${pack.id})\n`);
    return 2;
  }
  const params = Object.entries(rule.params);
  const { citation } = rule;
  // Only what differs from the rule's own parameters: the rest of a kind of service's are the same.
  const scoped = Object.entries(rule.serviceTypes).map(([type, scope]) =>
    'skip' in scope
      ? `  ${type}: does not apply (${scope.skip})`
      : `  ${type}: ${Object.entries(scope.params).filter(([name, value]) => show(value) !== show(rule.params[name])).map(([name, value]) => `${name}: ${show(value)}`).join('; ') || 'as above'}`,
  );
  const serves = pack.register?.obligations.filter((o) => o.checked_by?.includes(rule.id)) ?? [];
  const lines = [
    `${rule.id}: ${rule.title}`,
    `Severity in pack ${pack.id}: ${rule.severity}${rule.includedFrom ? ` (rule included from pack ${rule.includedFrom}, as it runs it)` : rule.definedIn !== pack.id ? ` (rule from pack ${rule.definedIn})` : ''}`,
    ...(rule.effectiveFrom ? [`In force from ${rule.effectiveFrom}: earlier returns are not judged by it (skip)`] : []),
    '',
    'What it checks',
    `  ${rule.description}`,
    '',
    'Parameters',
    ...(params.length ? params.map(([name, value]) => `  ${name}: ${show(value)}`) : ['  (none)']),
    ...(scoped.length ? ['', 'By kind of service (provider.service_type; the others as above)', ...scoped] : []),
    '',
    'Policy',
    `  ${citation.document}, section ${citation.section}`,
    `  ${citation.quote}`,
    ...(citation.url ? [`  ${citation.url}`] : []),
    ...(citation.interpretation ? [`  How this pack reads it: ${citation.interpretation}`] : []),
    '',
    'Obligations it checks',
    ...(!pack.register
      ? [`  Pack ${pack.id} has no obligation register.`]
      : serves.length
        ? serves.map((o) => `  ${o.id} (${o.document === citation.document ? '' : `${o.document}, `}section ${o.section}): ${o.words}`)
        : [`  None in the register of pack ${pack.id}.`]),
    '',
    'How to put it right',
    `  ${rule.hint}`,
  ];
  io.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

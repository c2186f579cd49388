// Packs stage: a pack's obligation register (obligations.yaml): each provider obligation of its policy, and the
// rules that check it or why none does (rules-and-reports.md, "Faithful to the policy"). It documents the pack;
// no verdict depends on it.
import * as z from 'zod';
import type { Diagnostic } from '../diagnostic.ts';
import { didYouMean } from '../validate/did-you-mean.ts';
import { slug } from '../validate/plain-patterns.ts';
import type { Located } from './load-pack.ts';
import { ruleId, SEVERITIES, type Severity } from './rule-schema.ts';

/** The file a pack folder keeps its register in; never read as a rule. */
export const REGISTER_FILE = 'obligations.yaml';

/** Why no rule checks an obligation, in words for the coverage report. */
export const UNCHECKED_REASONS = {
  'commissioner-duty': "the commissioner's own duty",
  'named-service': 'a duty of one named service',
  'declaration-only': 'a return could only declare it',
} as const;
export type UncheckedReason = keyof typeof UNCHECKED_REASONS;

const obligationSchema = z.strictObject({
  /** Unique within the register, e.g. ox-3-1-charter-in-all-rooms. */
  id: slug('ox-3-1-charter-in-all-rooms'),
  /** Only when not the register's own document. */
  document: z.string().min(1).optional(),
  /** The document's own numbering or heading. */
  section: z.string().min(1),
  /** Copied from the policy; an ellipsis may join a list's lead-in to one of its items. */
  words: z.string().min(1),
  /** What the words imply: must, required, should → required; softened → recommended; encouraged → aspirational. */
  wording: z.enum(SEVERITIES),
  checked_by: z.array(ruleId).min(1).optional(),
  unchecked: z.enum(Object.keys(UNCHECKED_REASONS) as [UncheckedReason, ...UncheckedReason[]]).optional(),
  why: z.string().min(1).optional(),
});

export const registerDefinitionSchema = z
  .strictObject({
    /** The policy's full title: every obligation's document unless it names its own. */
    document: z.string().min(1).optional(),
    obligations: z.array(obligationSchema).min(1),
  })
  .superRefine((register, ctx) => {
    const seen = new Set<string>();
    register.obligations.forEach((o, i) => {
      // No input: the message says what is wrong, and "got a mapping" would not help.
      const at = (key: string, message: string) => ctx.addIssue({ code: 'custom', path: ['obligations', i, key], message, input: undefined });
      if (seen.has(o.id)) at('id', `"${o.id}" is the id of an earlier obligation; ids are unique within a register`);
      seen.add(o.id);
      if (o.checked_by && o.unchecked) at('unchecked', 'an obligation has checked_by or unchecked, not both');
      if (!o.checked_by && !o.unchecked) at('id', `obligation "${o.id}" needs checked_by (the rules that check it), or unchecked and why`);
      if (o.unchecked && !o.why) at('unchecked', `obligation "${o.id}" is unchecked but does not say why (why)`);
      if (o.why && !o.unchecked) at('why', `obligation "${o.id}" says why but not unchecked (${Object.keys(UNCHECKED_REASONS).join(' | ')})`);
      if (!o.document && !register.document) at('id', `obligation "${o.id}" names no document, and the register has none at its top`);
    });
  });
export type RegisterDefinition = z.infer<typeof registerDefinitionSchema>;

/** An obligation as a compiled pack carries it: with its document, its own or the register's. */
export type Obligation = RegisterDefinition['obligations'][number] & { document: string };

export interface Register {
  document?: string;
  obligations: Obligation[];
}

export function compileRegister({ document, obligations }: RegisterDefinition): Register {
  return { ...(document ? { document } : {}), obligations: obligations.map((o) => ({ ...o, document: o.document ?? document! })) };
}

/**
 * Each rule a register says checks an obligation must be one its pack runs: `severities` holds the pack's rules
 * as its own overrides leave them (before a config's), so a rule it turns off cannot stand as a check.
 */
export function checkedByProblems({ definition, file, positions }: Located<RegisterDefinition>, severities: ReadonlyMap<string, Severity | 'off'>): Diagnostic[] {
  const problems: Diagnostic[] = [];
  definition.obligations.forEach((o, i) => {
    (o.checked_by ?? []).forEach((rule, j) => {
      const at = positions.locate(['obligations', i, 'checked_by', j], 'value');
      const severity = severities.get(rule);
      if (severity === undefined) {
        const suggestion = didYouMean(rule, [...severities.keys()]);
        problems.push({ code: 'unknown-rule', severity: 'error', message: `obligation "${o.id}" is checked by rule "${rule}", which this pack does not have${suggestion ? `; did you mean "${suggestion}"?` : ''}`, file, ...at });
      } else if (severity === 'off') {
        problems.push({ code: 'unknown-rule', severity: 'error', message: `obligation "${o.id}" is checked by rule "${rule}", which this pack turns off; name a rule it runs, or say why none does (unchecked, why)`, file, ...at });
      }
    });
  });
  return problems;
}

export interface CoverageRow extends Obligation {
  /** Each rule named in checked_by, with its severity in the pack as run ('off' when a config turned it off). */
  rules: { id: string; severity: Severity | 'off' }[];
  checked: boolean;
}

export interface Coverage {
  pack: { id: string; title: string };
  /** Undefined when the pack has no register. */
  obligations?: CoverageRow[];
  summary?: {
    obligations: number;
    checked: number;
    /** Obligations no quarterly return can evidence, by reason. */
    unchecked: Record<UncheckedReason, number>;
    checkable: number;
    /** Whole per cent of the checkable obligations checked, rounded down; null when none is checkable. */
    share: number | null;
  };
}

/** The register of a compiled pack against the rules it runs: what `involve coverage` prints. */
export function coverageOf(pack: { id: string; title: string; rules: readonly { id: string; severity: Severity }[]; register?: Register }): Coverage {
  const head = { pack: { id: pack.id, title: pack.title } };
  if (!pack.register) return head;
  const severityOf = new Map(pack.rules.map((r) => [r.id, r.severity]));
  const obligations = pack.register.obligations.map((o): CoverageRow => {
    const rules = (o.checked_by ?? []).map((id) => ({ id, severity: severityOf.get(id) ?? ('off' as const) }));
    return { ...o, rules, checked: rules.some((r) => r.severity !== 'off') };
  });
  const unchecked = Object.fromEntries(Object.keys(UNCHECKED_REASONS).map((reason) => [reason, obligations.filter((o) => o.unchecked === reason).length])) as Record<UncheckedReason, number>;
  const checked = obligations.filter((o) => o.checked).length;
  const checkable = obligations.length - Object.values(unchecked).reduce((a, b) => a + b, 0);
  return { ...head, obligations, summary: { obligations: obligations.length, checked, unchecked, checkable, share: checkable ? Math.floor((100 * checked) / checkable) : null } };
}

/** The share checked in one sentence, as the table and Markdown print it. */
export function coverageSentence({ obligations, checked, unchecked, checkable, share }: NonNullable<Coverage['summary']>): string {
  const reasons = (Object.keys(unchecked) as UncheckedReason[]).filter((r) => unchecked[r] > 0).map((r) => `${unchecked[r]} ${UNCHECKED_REASONS[r]}`);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return [
    plural(obligations, 'obligation'),
    `${checked} checked by a rule`,
    `${obligations - checkable} cannot be evidenced by a quarterly return${reasons.length ? ` (${reasons.join(', ')})` : ''}`,
    share === null ? 'none is checkable' : `${checked} of ${plural(checkable, 'checkable obligation')} checked: ${share}%`,
  ].join('; ');
}

/** What `involve coverage` says of a pack without a register. */
export const noRegister = ({ id, title }: Coverage['pack']) =>
  `Pack ${id} (${title}) has no obligation register: its folder holds no ${REGISTER_FILE}, so which of its policy's obligations its rules check is not recorded.`;

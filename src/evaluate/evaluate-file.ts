// Evaluate stage: typed evidence × compiled rules → one outcome per rule. Pure: no I/O, no clock, no colour.
import type { AttachmentState } from '../load/attachments.ts';
import type { CompiledRule } from '../packs/compile-pack.ts';
import type { Evidence } from '../validate/evidence-schema.ts';
import { parseQuarter, toDay } from './calendar.ts';
import { checkKinds } from './checks/index.ts';
import type { CheckContext, CheckOutcome, Finding, OutcomeStatus, Said } from './checks/types.ts';
import { interpolate, paramsAsData, placeholdersOf, type MessageData } from './interpolate.ts';
import { fieldOf } from './select.ts';

export interface RuleOutcome extends CheckOutcome {
  rule: CompiledRule;
  status: OutcomeStatus;
}

const RANK: Record<OutcomeStatus, number> = { skip: 0, pass: 1, info: 2, warn: 3, fail: 4 };

export function worstStatus(findings: readonly Finding[]): OutcomeStatus {
  return findings.reduce<OutcomeStatus>((worst, f) => (RANK[f.status] > RANK[worst] ? f.status : worst), 'pass');
}

// What a rule's messages need that is the same for every file, worked out once per compiled rule: its params as
// message data, and the placeholders of each message.
interface RuleTemplates {
  params: MessageData;
  placeholders: Map<string, string[]>;
}
const templatesOf = new WeakMap<CompiledRule, RuleTemplates>();

function templates(rule: CompiledRule): RuleTemplates {
  let known = templatesOf.get(rule);
  if (!known) {
    const placeholders = new Map(Object.entries(rule.messages).map(([id, template]) => [id, placeholdersOf(template)]));
    templatesOf.set(rule, (known = { params: paramsAsData(rule.params), placeholders }));
  }
  return known;
}

/**
 * The rule's message `id` filled in, and the data it was filled from: what the check gave (values it left undefined
 * are left out) and the fields of `item` its wording names. Params fill the wording but are not data: they are the
 * same in every result of the rule.
 */
function sayFor(rule: CompiledRule): CheckContext['say'] {
  const { params, placeholders } = templates(rule);
  return (key: string, given: MessageData, item?: unknown, id: string = key): Said => {
    const data: Said['data'] = {};
    for (const [name, value] of Object.entries(given)) if (value !== undefined) data[name] = value;
    if (item !== undefined) {
      for (const name of placeholders.get(id) ?? []) {
        const value = Object.hasOwn(given, name) ? undefined : fieldOf(item, name);
        if (value !== undefined) data[name] = value;
      }
    }
    return { id, message: interpolate(Object.hasOwn(rule.messages, id) ? rule.messages[id]! : id, { ...params, ...data }), data };
  };
}

export function evaluateFile(evidence: Evidence, rules: readonly CompiledRule[], attachments: readonly AttachmentState[] = []): RuleOutcome[] {
  const period = parseQuarter(evidence.period)!;
  const submittedOn = toDay(evidence.submitted.on);
  return rules.map((rule) => {
    const outcome = checkKinds[rule.kind].evaluate(evidence, rule.check, { period, submittedOn, attachments, say: sayFor(rule) });
    let status: OutcomeStatus = outcome.skipped ? 'skip' : worstStatus(outcome.findings);
    // An aspirational rule never counts against a file: what it misses is information (rules-and-reports.md).
    if (rule.severity === 'aspirational' && (status === 'fail' || status === 'warn')) {
      status = 'info';
      outcome.findings = outcome.findings.map((f) => (f.status === 'fail' || f.status === 'warn' ? { ...f, status: 'info' } : f));
    }
    return { ...outcome, rule, status };
  });
}

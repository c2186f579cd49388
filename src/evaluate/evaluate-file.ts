// Evaluate stage: typed evidence × compiled rules → one outcome per rule. Pure: no I/O, no clock, no colour.
import type { AttachmentState } from '../load/attachments.ts';
import type { CompiledRule } from '../packs/compile-pack.ts';
import type { Evidence, ServiceType } from '../validate/evidence-schema.ts';
import { serviceTypeOf } from '../validate/service-type.ts';
import { parseQuarter, toDay } from './calendar.ts';
import { checkKinds } from './checks/index.ts';
import { emptyOutcome, type CheckContext, type CheckOutcome, type Finding, type OutcomeStatus, type Said } from './checks/types.ts';
import { interpolate, paramsAsData, placeholdersOf, type MessageData } from './interpolate.ts';
import { fieldOf } from './select.ts';

export interface RuleOutcome extends CheckOutcome {
  rule: CompiledRule;
  status: OutcomeStatus;
  /** The hint with the file's service type's params, where they are not the rule's. */
  hint?: string;
}

const RANK: Record<OutcomeStatus, number> = { skip: 0, pass: 1, info: 2, warn: 3, fail: 4 };

export function worstStatus(findings: readonly Finding[]): OutcomeStatus {
  return findings.reduce<OutcomeStatus>((worst, f) => (RANK[f.status] > RANK[worst] ? f.status : worst), 'pass');
}

// What a rule's messages need that is the same for every file, worked out once: the placeholders of each of its
// messages, and its params (or a service type's) as message data.
const placeholdersByRule = new WeakMap<CompiledRule, Map<string, string[]>>();
const dataByParams = new WeakMap<Record<string, unknown>, MessageData>();

function placeholdersIn(rule: CompiledRule): Map<string, string[]> {
  let known = placeholdersByRule.get(rule);
  if (!known) placeholdersByRule.set(rule, (known = new Map(Object.entries(rule.messages).map(([id, template]) => [id, placeholdersOf(template)]))));
  return known;
}

function dataOf(params: Record<string, unknown>): MessageData {
  let data = dataByParams.get(params);
  if (!data) dataByParams.set(params, (data = paramsAsData(params)));
  return data;
}

/**
 * The rule's message `id` filled in, and the data it was filled from: what the check gave (values it left undefined
 * are left out) and the fields of `item` its wording names. Params fill the wording but are not data: they are the
 * same in every result of the rule.
 */
function sayFor(rule: CompiledRule, own: Record<string, unknown>): CheckContext['say'] {
  const placeholders = placeholdersIn(rule);
  const params = dataOf(own);
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

/** Whether any rule, for any service type, reads the attachments: only then does the load stage inspect them. */
export function readsAttachments(rules: readonly CompiledRule[]): boolean {
  return rules.some((rule) => {
    const kind = checkKinds[rule.kind];
    const checks = [rule.check, ...Object.values(rule.serviceTypes).flatMap((scope) => ('check' in scope ? [scope.check] : []))];
    return checks.some((check) => kind.readsAttachments?.(check) === true);
  });
}

/** `serviceType` is the kind of service the file is judged as (serviceTypeOf): rules may skip it or judge it by other params. */
export function evaluateFile(
  evidence: Evidence,
  rules: readonly CompiledRule[],
  attachments: readonly AttachmentState[] = [],
  serviceType: ServiceType = serviceTypeOf(evidence),
): RuleOutcome[] {
  const period = parseQuarter(evidence.period)!;
  const submittedOn = toDay(evidence.submitted.on);
  return rules.map((rule) => {
    // Quarters as YYYY-Qn sort as text. The file's period is where the reason lies.
    if (rule.effectiveFrom && evidence.period < rule.effectiveFrom) {
      const skipped: Finding = { status: 'skip', id: 'not-in-force', message: `in force from ${rule.effectiveFrom}`, data: { effective_from: rule.effectiveFrom }, path: ['period'] };
      return { ...emptyOutcome(), skipped, rule, status: 'skip' };
    }
    const scope = Object.hasOwn(rule.serviceTypes, serviceType) ? rule.serviceTypes[serviceType]! : undefined;
    if (scope && 'skip' in scope) {
      const skipped: Finding = { status: 'skip', id: 'service-type', message: scope.skip, data: { service_type: serviceType }, path: ['provider', 'service_type'] };
      return { ...emptyOutcome(), skipped, rule, status: 'skip' };
    }
    const { params, check } = scope ?? rule;
    const outcome = checkKinds[rule.kind].evaluate(evidence, check, { period, submittedOn, attachments, say: sayFor(rule, params) });
    let status: OutcomeStatus = outcome.skipped ? 'skip' : worstStatus(outcome.findings);
    // An aspirational rule never counts against a file: what it misses is information (rules-and-reports.md).
    if (rule.severity === 'aspirational' && (status === 'fail' || status === 'warn')) {
      status = 'info';
      outcome.findings = outcome.findings.map((f) => (f.status === 'fail' || f.status === 'warn' ? { ...f, status: 'info' } : f));
    }
    return { ...outcome, rule, status, ...(scope?.hint ? { hint: scope.hint } : {}) };
  });
}

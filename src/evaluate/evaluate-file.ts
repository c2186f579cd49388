// Evaluate stage: typed evidence × compiled rules → one outcome per rule. Pure: no I/O, no clock, no colour.
import type { AttachmentState } from '../load/attachments.ts';
import type { CompiledRule } from '../packs/compile-pack.ts';
import type { Evidence, ServiceType } from '../validate/evidence-schema.ts';
import { serviceTypeOf } from '../validate/service-type.ts';
import { parseQuarter, toDay } from './calendar.ts';
import { checkKinds } from './checks/index.ts';
import { emptyOutcome, type CheckOutcome, type Finding, type OutcomeStatus } from './checks/types.ts';
import { dataOfParams, interpolate, type MessageData } from './interpolate.ts';

export interface RuleOutcome extends CheckOutcome {
  rule: CompiledRule;
  status: OutcomeStatus;
}

const RANK: Record<OutcomeStatus, number> = { skip: 0, pass: 1, info: 2, warn: 3, fail: 4 };

export function worstStatus(findings: readonly Finding[]): OutcomeStatus {
  return findings.reduce<OutcomeStatus>((worst, f) => (RANK[f.status] > RANK[worst] ? f.status : worst), 'pass');
}

// A rule's params as message data are the same for every file: worked out once per compiled rule and service type.
const paramsAsData = new WeakMap<Record<string, unknown>, MessageData>();

function paramData(params: Record<string, unknown>): MessageData {
  let data = paramsAsData.get(params);
  if (!data) paramsAsData.set(params, (data = dataOfParams(params)));
  return data;
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
      return { ...emptyOutcome(), skipped: { status: 'skip', message: `in force from ${rule.effectiveFrom}`, path: ['period'] }, rule, status: 'skip' };
    }
    const scope = Object.hasOwn(rule.serviceTypes, serviceType) ? rule.serviceTypes[serviceType]! : undefined;
    if (scope && 'skip' in scope) {
      const skipped: Finding = { status: 'skip', message: scope.skip, path: ['provider', 'service_type'] };
      return { ...emptyOutcome(), skipped, rule, status: 'skip' };
    }
    const { params: own, check } = scope ?? rule;
    const params = paramData(own);
    const fill = (template: string, data: MessageData) => interpolate(template, { ...params, ...data });
    const say = (id: string, data: MessageData) => fill(rule.messages[id] ?? id, data);
    const outcome = checkKinds[rule.kind].evaluate(evidence, check, { period, submittedOn, attachments, say, fill });
    let status: OutcomeStatus = outcome.skipped ? 'skip' : worstStatus(outcome.findings);
    // An aspirational rule never counts against a file: what it misses is information (rules-and-reports.md).
    if (rule.severity === 'aspirational' && (status === 'fail' || status === 'warn')) {
      status = 'info';
      outcome.findings = outcome.findings.map((f) => (f.status === 'fail' || f.status === 'warn' ? { ...f, status: 'info' } : f));
    }
    return { ...outcome, rule, status };
  });
}

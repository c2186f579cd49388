// Evaluate stage: typed evidence × compiled rules → one outcome per rule. Pure: no I/O, no clock, no colour.
import type { AttachmentState } from '../load/attachments.ts';
import type { CompiledRule } from '../packs/compile-pack.ts';
import type { Evidence } from '../validate/evidence-schema.ts';
import { parseQuarter, toDay } from './calendar.ts';
import { checkKinds } from './checks/index.ts';
import { emptyOutcome, type CheckOutcome, type Finding, type OutcomeStatus } from './checks/types.ts';
import { interpolate, type MessageData } from './interpolate.ts';

export interface RuleOutcome extends CheckOutcome {
  rule: CompiledRule;
  status: OutcomeStatus;
}

const RANK: Record<OutcomeStatus, number> = { skip: 0, pass: 1, info: 2, warn: 3, fail: 4 };

export function worstStatus(findings: readonly Finding[]): OutcomeStatus {
  return findings.reduce<OutcomeStatus>((worst, f) => (RANK[f.status] > RANK[worst] ? f.status : worst), 'pass');
}

// A rule's params as message data are the same for every file: worked out once per compiled rule.
const paramsAsData = new WeakMap<CompiledRule, MessageData>();

function paramData(rule: CompiledRule): MessageData {
  let data = paramsAsData.get(rule);
  if (!data) paramsAsData.set(rule, (data = dataOf(rule.params)));
  return data;
}

function dataOf(params: Record<string, unknown>): MessageData {
  const data: MessageData = {};
  for (const [name, value] of Object.entries(params)) {
    if (Array.isArray(value)) data[name] = value.join(', ');
    else if (typeof value !== 'object') data[name] = value as string | number | boolean;
  }
  return data;
}

export function evaluateFile(evidence: Evidence, rules: readonly CompiledRule[], attachments: readonly AttachmentState[] = []): RuleOutcome[] {
  const period = parseQuarter(evidence.period)!;
  const submittedOn = toDay(evidence.submitted.on);
  return rules.map((rule) => {
    // Quarters as YYYY-Qn sort as text. The file's period is where the reason lies.
    if (rule.effectiveFrom && evidence.period < rule.effectiveFrom) {
      return { ...emptyOutcome(), skipped: { status: 'skip', message: `in force from ${rule.effectiveFrom}`, path: ['period'] }, rule, status: 'skip' };
    }
    const params = paramData(rule);
    const fill = (template: string, data: MessageData) => interpolate(template, { ...params, ...data });
    const say = (id: string, data: MessageData) => fill(rule.messages[id] ?? id, data);
    const outcome = checkKinds[rule.kind].evaluate(evidence, rule.check, { period, submittedOn, attachments, say, fill });
    let status: OutcomeStatus = outcome.skipped ? 'skip' : worstStatus(outcome.findings);
    // An aspirational rule never counts against a file: what it misses is information (rules-and-reports.md).
    if (rule.severity === 'aspirational' && (status === 'fail' || status === 'warn')) {
      status = 'info';
      outcome.findings = outcome.findings.map((f) => (f.status === 'fail' || f.status === 'warn' ? { ...f, status: 'info' } : f));
    }
    return { ...outcome, rule, status };
  });
}

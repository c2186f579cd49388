// Test helper: one check kind over a small in-memory return, through evaluateFile, so the ids and data a kind gives
// are the ones a report carries. Each message's wording is its id unless a test gives wording (to name item fields).
import { checkKinds, type CheckKindName } from '../../../src/evaluate/checks/index.ts';
import type { Finding } from '../../../src/evaluate/checks/types.ts';
import { evaluateFile, type RuleOutcome } from '../../../src/evaluate/evaluate-file.ts';
import type { AttachmentState } from '../../../src/load/attachments.ts';
import type { CompiledRule } from '../../../src/packs/compile-pack.ts';
import type { Severity } from '../../../src/packs/rule-schema.ts';
import type { Evidence } from '../../../src/validate/evidence-schema.ts';

export interface RunOptions {
  /** Default 2026-Q3 (1 July to 30 September 2026). */
  period?: string;
  /** Default 2026-10-07. */
  submitted?: string;
  severity?: Severity;
  messages?: Record<string, string>;
  attachments?: AttachmentState[];
}

export function runCheck(kind: CheckKindName, check: Record<string, unknown>, sections: Record<string, unknown>, options: RunOptions = {}): RuleOutcome {
  const { period = '2026-Q3', submitted = '2026-10-07', severity = 'required', messages = {}, attachments = [] } = options;
  const parsed = checkKinds[kind].params.parse(check);
  const ids = Object.fromEntries(checkKinds[kind].messages(parsed).map((use) => [use.id, use.id]));
  const rule: CompiledRule = {
    id: 'rule',
    title: 'Rule',
    description: 'D',
    severity,
    citation: { document: 'D', section: 'S', quote: 'Q' },
    hint: 'H',
    definedIn: 'test',
    params: {},
    kind,
    check: parsed,
    messages: { ...ids, ...messages },
    serviceTypes: {},
  };
  const evidence = { format: 'involvement-evidence/1', provider: { id: 'p', name: 'P' }, period, submitted: { on: submitted, by: 'S' }, ...sections } as Evidence;
  return evaluateFile(evidence, [rule], attachments)[0]!;
}

/** Findings, evidence or commendations as the tests read them. */
export const notes = (list: readonly Finding[]) => list.map(({ status, id, data }) => ({ status, id, data }));

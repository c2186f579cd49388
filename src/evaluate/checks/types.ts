// Evaluate stage: what every check kind is and returns. A kind is code we ship; a rule only chooses and parameterises one.
import type { z } from 'zod';
import type { AttachmentState } from '../../load/attachments.ts';
import type { KeyPath } from '../../load/positions.ts';
import type { Evidence } from '../../validate/evidence-schema.ts';
import type { Day, Quarter } from '../calendar.ts';
import type { MessageData } from '../interpolate.ts';

export type OutcomeStatus = 'pass' | 'fail' | 'warn' | 'info' | 'skip';

/** Something the check found, good or bad, with the key path it is about. */
export interface Finding {
  status: OutcomeStatus;
  message: string;
  path: KeyPath;
}

export interface CheckOutcome {
  /** What is missing or wrong; empty when the rule passes outright. */
  findings: Finding[];
  /** The evidence that satisfied the rule, so a reader can see why it passed. */
  satisfied: Finding[];
  /** Aspirational elements met. */
  commendations: Finding[];
  /** Why the rule does not apply, when it does not. */
  skipped?: Finding;
}

export interface CheckContext {
  period: Quarter;
  submittedOn: Day;
  /** What each attachment the return lists is on disk, found by the load stage. */
  attachments: readonly AttachmentState[];
  /** Fills the rule's message template `id`; the rule's params are placeholders too ({{window_months}}). */
  say(id: string, data: MessageData): string;
  /** Fills a template written inside the check itself (a condition's message), the same way. */
  fill(template: string, data: MessageData): string;
}

export interface CheckKind<Params> {
  kind: string;
  params: z.ZodType<Params>;
  /** Message ids a rule using this kind must define, given its check's parameters. */
  messages(params: Params): readonly string[];
  evaluate(evidence: Evidence, params: Params, context: CheckContext): CheckOutcome;
  /** Whether, with these parameters, it reads the attachments: the load stage inspects them only for such a check. */
  readsAttachments?(params: Params): boolean;
}

export const emptyOutcome = (): CheckOutcome => ({ findings: [], satisfied: [], commendations: [] });

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

/** What a check needs a field to hold, for it to read the field as it means to. */
export type FieldNeed = 'section' | 'list' | 'date' | 'number' | 'true-false' | 'text' | 'names' | 'any';

/**
 * A field path a check's parameters name, resolved against the evidence format when the pack loads (packs/field-paths.ts),
 * so that `date_field: dat` is a located error rather than every provider red.
 */
export interface FieldRef {
  /** Where the path is written, as a key path inside `check`. */
  param: KeyPath;
  /** The dotted path, relative to what the ref it sits inside names (an item, for a list), else to the file. */
  path: string;
  needs: FieldNeed;
  /** The parameter that needs it (an operator such as `at_least`), when not the path itself. */
  neededBy?: KeyPath;
  /** Values the check compares with the field (with its items, for `names`): each must be one the field can hold. */
  values?: readonly { param: KeyPath; value: unknown }[];
  /** How those values are compared: as they are, as text (String(v)), or as text trimmed and without case. */
  compare?: 'exact' | 'text' | 'folded';
  /** A name past a list means that field of each item, as `phone_allowed_in` is read. */
  throughLists?: boolean;
  /** Paths read inside what this one names: a section's fields, or each item's, for a list. */
  inside?: readonly FieldRef[];
}

export interface CheckKind<Params> {
  kind: string;
  params: z.ZodType<Params>;
  /** Message ids a rule using this kind must define, given its check's parameters. */
  messages(params: Params): readonly string[];
  /** Every field path the parameters name, and what each is read from and as. */
  fields(params: Params): readonly FieldRef[];
  evaluate(evidence: Evidence, params: Params, context: CheckContext): CheckOutcome;
  /** Whether, with these parameters, it reads the attachments: the load stage inspects them only for such a check. */
  readsAttachments?(params: Params): boolean;
}

export const emptyOutcome = (): CheckOutcome => ({ findings: [], satisfied: [], commendations: [] });

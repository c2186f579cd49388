// Evaluate stage: what every check kind is and returns. A kind is code we ship; a rule only chooses and parameterises one.
import type { z } from 'zod';
import type { AttachmentState } from '../../load/attachments.ts';
import type { KeyPath } from '../../load/positions.ts';
import type { Evidence } from '../../validate/evidence-schema.ts';
import type { Day, Quarter } from '../calendar.ts';
import type { MessageData } from '../interpolate.ts';

export type OutcomeStatus = 'pass' | 'fail' | 'warn' | 'info' | 'skip';

/** What a message says and what it was filled from (issue 10: results carry message ids and data). */
export interface Said {
  /** The message's id in the rule's `messages`. */
  id: string;
  message: string;
  /** The values the check gave the message, and the item's fields its wording names; never the rule's params. */
  data: Record<string, string | number | boolean>;
}

/** Something the check found, good or bad, with the key path it is about. */
export interface Finding extends Said {
  status: OutcomeStatus;
  path: KeyPath;
}

/**
 * The data each message of a kind is given, by message id: a kind declares it in one table (`satisfies
 * MessageTable`), its `say` is typed from that table so code and table cannot drift, and a pack is checked
 * against it when it loads (a placeholder that names nothing is an error, not "(not given)").
 */
export type MessageTable = Readonly<Record<string, readonly string[]>>;

/** Exactly the data a message of the table is declared to take. */
export type DataFor<Names extends readonly string[]> = { readonly [Name in Names[number]]: MessageData[string] };

/** A message a rule of this kind uses, given its check's parameters, as the pack loader checks it. */
export interface MessageUse {
  id: string;
  /** The data the check gives it. */
  data: readonly string[];
  /** The evidence object whose fields its wording may name too, as a key path (0 for any item of a list). */
  item?: KeyPath;
  /** Where the rule file names the id when it is not only a key of `messages` (a condition's `message:`). */
  namedAt?: KeyPath;
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

export interface CheckContext<Messages extends MessageTable = MessageTable> {
  period: Quarter;
  submittedOn: Day;
  /** What each attachment the return lists is on disk, found by the load stage. */
  attachments: readonly AttachmentState[];
  /**
   * Fills the rule's message `key` with the data the table declares for it; the fields of `item` (the list item or
   * section it is about) and the rule's params are placeholders too. `id` is the message's id when the rule names
   * it (a condition's `message:`) rather than the table.
   */
  say<Key extends keyof Messages & string>(key: Key, data: DataFor<Messages[Key]>, item?: unknown, id?: string): Said;
}

/** What a check needs a field to hold, for it to read the field as it means to. */
export type FieldNeed = 'section' | 'list' | 'date' | 'number' | 'true-false' | 'text' | 'words' | 'names' | 'any';

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
  /** Where the field is a list, the values are compared with its items (values-evidenced reads a survey's topics). */
  eachItem?: boolean;
  /** A name past a list means that field of each item, as `phone_allowed_in` is read. */
  throughLists?: boolean;
  /** Paths read inside what this one names: a section's fields, or each item's, for a list. */
  inside?: readonly FieldRef[];
  /**
   * false: named but not asked of a return (a condition switched off by a parameter, a field where a phone number
   * may stand). The path is still checked; a starter return (`involve init`) leaves the field out.
   */
  asked?: false;
  /** What a starter return writes in the field: a value this check reads as not filled in (TBC). Empty when not given. */
  unfilled?: string;
}

export interface CheckKind<Params, Messages extends MessageTable = MessageTable> {
  kind: string;
  params: z.ZodType<Params>;
  /** The messages a rule using this kind must define, given its check's parameters. */
  messages(params: Params): readonly MessageUse[];
  /** Every field path the parameters name, and what each is read from and as. */
  fields(params: Params): readonly FieldRef[];
  evaluate(evidence: Evidence, params: Params, context: CheckContext<Messages>): CheckOutcome;
  /** Whether, with these parameters, it reads the attachments: the load stage inspects them only for such a check. */
  readsAttachments?(params: Params): boolean;
}

/** A use of the message `id` of `table`, with the data the table declares for it. */
export function use<Messages extends MessageTable>(table: Messages, id: keyof Messages & string, item?: KeyPath): MessageUse {
  return { id, data: table[id]!, ...(item ? { item } : {}) };
}

export const emptyOutcome = (): CheckOutcome => ({ findings: [], satisfied: [], commendations: [] });

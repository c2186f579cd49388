// Evaluate stage: the per-field conditions shared by the `conditions` and `count-in-window` kinds.
import * as z from 'zod';
import { showDay, toDay } from './calendar.ts';
import type { KeyPath } from '../load/positions.ts';
import type { CheckContext, DataFor, FieldNeed, FieldRef } from './checks/types.ts';
import { pathOf, valueAt } from './select.ts';
import { matching } from '../validate/plain-patterns.ts';

/** What a condition's test gives its message: `missing` only from `includes_all`. */
export const CONDITION_DATA = ['field', 'actual', 'expected', 'missing'] as const;

const OPERATORS = ['present', 'equals', 'not_equals', 'one_of', 'at_least', 'above', 'at_least_field', 'includes_all', 'not_older_than_days', 'contains_any'] as const;
/** A condition made of conditions: it holds when one of them does, or when none does. */
const COMBINERS = ['any_of', 'none_of'] as const;

type Scalar = string | number | boolean;

/** One test of a field, or conditions combined; inside a combination a condition has no message or status of its own. */
export interface InnerCondition {
  field?: string;
  when: boolean;
  present?: true;
  equals?: Scalar;
  not_equals?: Scalar;
  one_of?: Scalar[];
  at_least?: number;
  above?: number;
  at_least_field?: string;
  includes_all?: string[];
  not_older_than_days?: number;
  contains_any?: string[];
  any_of?: InnerCondition[];
  none_of?: InnerCondition[];
}

export interface Condition extends InnerCondition {
  status: 'fail' | 'warn';
  message?: string;
}

// Built when a pack is compiled, not at start-up: an audit with a pack compiled at build time never needs it.
const schemas = (() => {
  let built: { inner: z.ZodType<InnerCondition, unknown>; outer: z.ZodType<Condition, unknown> } | undefined;
  return () => (built ??= build());
})();

function build() {
  const scalar = z.union([z.string(), z.number(), z.boolean()]);
  const tests = {
    /** A dotted path inside the object the condition is tested on; a combination names none of its own. */
    field: z.string().min(1).optional(),
    /** A switch, usually a `$param`: the condition applies only when it is true. */
    when: z.boolean().default(true),
    present: z.literal(true).optional(),
    equals: scalar.optional(),
    /** Holds when the field is absent too: `not_equals: 0` picks out sites not declared staff-only. */
    not_equals: scalar.optional(),
    one_of: z.array(scalar).optional(),
    at_least: z.number().optional(),
    above: z.number().optional(),
    at_least_field: z.string().optional(),
    /** Every listed name appears (trimmed, case-insensitive). */
    includes_all: z.array(z.string()).optional(),
    /** A date on or after the period's last day minus this many days. */
    not_older_than_days: z.int().nonnegative().optional(),
    /** Text holding one of these words or phrases, as whole words and without case; never a regular expression. */
    contains_any: z.array(z.string().trim().min(1, 'a word or phrase cannot be empty')).min(1, 'give at least one word or phrase').optional(),
  };
  // Said plainly, rather than "unknown key": a combination speaks for the conditions inside it.
  const ownWords = (key: string) => z.never({ error: `a condition inside any_of or none_of has no ${key} of its own: the ${key} of the any_of or none_of is what a failure says` }).optional();
  // Getters, so the shape can name the schema it is part of (zod's recursive objects); copied as getters, not values.
  const combinations = {
    get any_of() {
      return z.array(inner).min(1, 'give at least one condition').optional();
    },
    get none_of() {
      return z.array(inner).min(1, 'give at least one condition').optional();
    },
  };
  const withCombinations = <Shape extends object>(shape: Shape) => Object.defineProperties({ ...shape }, Object.getOwnPropertyDescriptors(combinations)) as Shape & typeof combinations;
  const oneTest = (c: InnerCondition, ctx: z.RefinementCtx) => {
    const given = [...OPERATORS, ...COMBINERS].filter((op) => c[op] !== undefined);
    if (given.length !== 1) ctx.addIssue({ code: 'custom', message: `a condition needs exactly one of: ${[...OPERATORS, ...COMBINERS].join(', ')}`, input: undefined });
    const combines = COMBINERS.some((op) => c[op] !== undefined);
    if (combines && c.field !== undefined) ctx.addIssue({ code: 'custom', path: ['field'], message: `${given[0]} names its fields in its own conditions, not in field`, input: undefined });
    if (!combines && c.field === undefined) ctx.addIssue({ code: 'custom', path: ['field'], message: 'a condition needs the field it tests', input: undefined });
  };
  // Named, so the JSON Schema for packs refers to it rather than writing it out at every depth.
  const inner: z.ZodType<InnerCondition, unknown> = z.strictObject(withCombinations({ ...tests, message: ownWords('message'), status: ownWords('status') })).superRefine(oneTest).meta({ id: 'combined-condition' });
  const outer: z.ZodType<Condition, unknown> = z
    .strictObject({
      ...withCombinations(tests),
      /** What a failed condition makes the result. */
      status: z.enum(['fail', 'warn']).default('fail'),
      /** The id of its message in the rule's `messages`, where all wording lives. */
      message: matching(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "a message id such as room-short, whose wording is in the rule's messages").optional(),
    })
    .superRefine(oneTest);
  return { inner, outer };
}

export const conditionSchema = z.lazy(() => schemas().outer);

/** The field paths a condition written at `at` (inside `check`) names, and what its operator needs of them. */
export function conditionFields(c: InnerCondition, at: KeyPath, asked = c.when): FieldRef[] {
  for (const op of COMBINERS) {
    const each = c[op];
    if (each) return each.flatMap((inner, i) => conditionFields(inner, [...at, op, i], asked && inner.when));
  }
  const field = { param: [...at, 'field'], path: c.field!, ...(asked ? {} : { asked: false as const }) };
  const needs = (operator: string, need: FieldNeed, more: Partial<FieldRef> = {}): FieldRef[] => [{ ...field, needs: need, neededBy: [...at, operator], ...more }];
  const value = (operator: 'equals' | 'not_equals') => needs(operator, 'any', { values: [{ param: [...at, operator], value: c[operator] }] });
  if (c.equals !== undefined) return value('equals');
  if (c.not_equals !== undefined) return value('not_equals');
  if (c.one_of) return needs('one_of', 'any', { values: c.one_of.map((v, i) => ({ param: [...at, 'one_of', i], value: v })) });
  if (c.at_least !== undefined) return needs('at_least', 'number');
  if (c.above !== undefined) return needs('above', 'number');
  if (c.at_least_field !== undefined) return [...needs('at_least_field', 'number'), { ...field, param: [...at, 'at_least_field'], path: c.at_least_field, needs: 'number' }];
  if (c.includes_all) return needs('includes_all', 'names', { values: c.includes_all.map((v, i) => ({ param: [...at, 'includes_all', i], value: v })), compare: 'folded' });
  if (c.not_older_than_days !== undefined) return needs('not_older_than_days', 'date');
  if (c.contains_any) return needs('contains_any', 'words');
  return [{ ...field, needs: 'any' }];
}

export interface ConditionResult {
  ok: boolean;
  data: DataFor<typeof CONDITION_DATA>;
}

const fold = (s: unknown) => String(s).trim().toLowerCase();
const show = (v: unknown): string | number | undefined =>
  v === undefined || v === null ? undefined : Array.isArray(v) ? v.join(', ') : typeof v === 'object' ? undefined : (v as string | number);

const WORD_CHARACTER = /[\p{L}\p{N}\p{M}]/u;
// Characters a regular expression reads as syntax; a pack's words are matched as written.
const SYNTAX = /[\\^$.*+?()[\]{}|/]/g;

/**
 * Whether `text` holds `phrase` as whole words, without case (Unicode case folding): its spaces match any run of
 * whitespace, and an end that is a letter or digit may not sit inside a word ("peer" is not in "peers"). The
 * expression is built here from the escaped words; a pack never writes one.
 */
export function containsPhrase(text: string, phrase: string): boolean {
  const words = phrase.trim().normalize('NFC');
  const body = words.replace(SYNTAX, '\\$&').split(/\s+/u).join('\\s+');
  const before = WORD_CHARACTER.test(words[0]!) ? '(?<![\\p{L}\\p{N}\\p{M}])' : '';
  const after = WORD_CHARACTER.test(words.at(-1)!) ? '(?![\\p{L}\\p{N}\\p{M}])' : '';
  return new RegExp(`${before}${body}${after}`, 'iu').test(text.normalize('NFC'));
}

/** Each field a combination's conditions name, for its message's {{field}}. */
const fieldsOf = (c: InnerCondition): string[] => c.field !== undefined ? [c.field] : [...(c.any_of ?? []), ...(c.none_of ?? [])].flatMap(fieldsOf);

export function testCondition(target: unknown, condition: InnerCondition, context: Pick<CheckContext, 'period'>): ConditionResult {
  const combined = condition.any_of ?? condition.none_of;
  if (combined) {
    // A condition switched off by its parameter takes no part.
    const tests = combined.filter((c) => c.when).map((c) => testCondition(target, c, context));
    const held = tests.find((t) => t.ok);
    const names = [...new Set(fieldsOf(condition))].join(', ');
    if (condition.any_of) return { ok: held !== undefined || tests.length === 0, data: { field: names, actual: undefined, expected: undefined, missing: undefined } };
    // A none_of that fails says which condition held.
    return held ? { ok: false, data: held.data } : { ok: true, data: { field: names, actual: undefined, expected: undefined, missing: undefined } };
  }
  const field = condition.field!;
  const actual = valueAt(target, pathOf(field));
  const done = (ok: boolean, expected?: unknown, missing?: string): ConditionResult => ({
    ok,
    data: { field, actual: show(actual), expected: show(expected), missing },
  });

  if (condition.present) return done(actual !== undefined && actual !== null && actual !== '');
  if (condition.equals !== undefined) return done(actual === condition.equals, condition.equals);
  if (condition.not_equals !== undefined) return done(actual !== condition.not_equals, condition.not_equals);
  if (condition.one_of) return done(condition.one_of.includes(actual as never), condition.one_of);
  if (condition.at_least !== undefined) return done(typeof actual === 'number' && actual >= condition.at_least, condition.at_least);
  if (condition.above !== undefined) return done(typeof actual === 'number' && actual > condition.above, condition.above);
  if (condition.at_least_field !== undefined) {
    const other = valueAt(target, pathOf(condition.at_least_field));
    // Nothing to compare with: a `present` condition on the other field is the one that says so.
    if (other === undefined) return done(true);
    return done(typeof actual === 'number' && typeof other === 'number' && actual >= other, other);
  }
  if (condition.includes_all) {
    const have = new Set(Array.isArray(actual) ? actual.map(fold) : []);
    const missing = condition.includes_all.filter((name) => !have.has(fold(name)));
    return done(missing.length === 0, condition.includes_all, missing.join(', '));
  }
  if (condition.contains_any) {
    const words = condition.contains_any;
    return done(typeof actual === 'string' && words.some((phrase) => containsPhrase(actual, phrase)), words);
  }
  const oldest = context.period.last - condition.not_older_than_days!;
  return done(typeof actual === 'string' && toDay(actual) >= oldest, showDay(oldest));
}

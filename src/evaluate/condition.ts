// Evaluate stage: the per-field conditions shared by the `conditions` and `count-in-window` kinds.
import * as z from 'zod';
import { showDay, toDay } from './calendar.ts';
import type { KeyPath } from '../load/positions.ts';
import type { CheckContext, DataFor, FieldNeed, FieldRef } from './checks/types.ts';
import { pathOf, valueAt } from './select.ts';
import { matching } from '../validate/plain-patterns.ts';

/** What a condition's test gives its message: `missing` only from `includes_all`. */
export const CONDITION_DATA = ['field', 'actual', 'expected', 'missing'] as const;

const OPERATORS = ['present', 'equals', 'not_equals', 'one_of', 'at_least', 'above', 'at_least_field', 'includes_all', 'not_older_than_days'] as const;

// Built when a pack is compiled, not at start-up: an audit with a pack compiled at build time never needs it.
export const conditionSchema = z.lazy(() => {
  const scalar = z.union([z.string(), z.number(), z.boolean()]);
  return z
    .strictObject({
      /** A dotted path inside the object the condition is tested on. */
      field: z.string().min(1),
      /** A switch, usually a `$param`: the condition applies only when it is true. */
      when: z.boolean().default(true),
      /** What a failed condition makes the result. */
      status: z.enum(['fail', 'warn']).default('fail'),
      /** The id of its message in the rule's `messages`, where all wording lives. */
      message: matching(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "a message id such as room-short, whose wording is in the rule's messages").optional(),
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
    })
    .refine((c) => OPERATORS.filter((op) => c[op] !== undefined).length === 1, {
      message: `a condition needs exactly one of: ${OPERATORS.join(', ')}`,
    });
});

export type Condition = z.infer<typeof conditionSchema>;

/** The field paths a condition written at `at` (inside `check`) names, and what its operator needs of them. */
export function conditionFields(c: Condition, at: KeyPath): FieldRef[] {
  const field = { param: [...at, 'field'], path: c.field, ...(c.when ? {} : { asked: false as const }) };
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
  return [{ ...field, needs: 'any' }];
}

export interface ConditionResult {
  ok: boolean;
  data: DataFor<typeof CONDITION_DATA>;
}

const fold = (s: unknown) => String(s).trim().toLowerCase();
const show = (v: unknown): string | number | undefined =>
  v === undefined || v === null ? undefined : Array.isArray(v) ? v.join(', ') : typeof v === 'object' ? undefined : (v as string | number);

export function testCondition(target: unknown, condition: Condition, context: Pick<CheckContext, 'period'>): ConditionResult {
  const actual = valueAt(target, pathOf(condition.field));
  const done = (ok: boolean, expected?: unknown, missing?: string): ConditionResult => ({
    ok,
    data: { field: condition.field, actual: show(actual), expected: show(expected), missing },
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
  const oldest = context.period.last - condition.not_older_than_days!;
  return done(typeof actual === 'string' && toDay(actual) >= oldest, showDay(oldest));
}

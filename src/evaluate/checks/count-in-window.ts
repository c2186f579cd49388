// Check kind `count-in-window`: enough items of a list, meeting conditions, dated within a window that ends with the period.
import * as z from 'zod';
import { showDay, toDay, windowStart } from '../calendar.ts';
import { CONDITION_DATA, conditionSchema, testCondition } from '../condition.ts';
import { pathOf, valueAt } from '../select.ts';
import { skipIfApplies } from './conditions.ts';
import { emptyOutcome, use, type CheckKind, type MessageTable } from './types.ts';

// Built when a pack is compiled (condition.ts says why).
const params = z.lazy(() =>
  z.strictObject({
    list: z.string().min(1),
    date_field: z.string().min(1),
    /** Calendar months ending with the period's last month; 3 is the quarter itself. */
    window_months: z.int().min(1),
    where: z.array(conditionSchema).default([]),
    at_least: z.int().min(1).default(1),
    /** Warn when no counted item has this field true, once one is older than the grace period at submission. */
    follow_up: z.strictObject({ field: z.string().min(1), grace_days: z.int().nonnegative() }).optional(),
    skip_when: conditionSchema.optional(),
  }),
);

const windowData = ['window_start', 'window_end', 'window_months', 'at_least'] as const;
const messageData = {
  missing: [...windowData, 'list'],
  'too-few': [...windowData, 'count'],
  counted: windowData,
  'follow-up': [...windowData, 'grace_days', 'days'],
  skip: CONDITION_DATA,
} as const satisfies MessageTable;

export const countInWindow: CheckKind<z.infer<typeof params>, typeof messageData> = {
  kind: 'count-in-window',
  params,
  messages: (p) => {
    const item = [...pathOf(p.list), 0];
    return [
      use(messageData, 'missing'),
      use(messageData, 'too-few'),
      use(messageData, 'counted', item),
      ...(p.follow_up ? [use(messageData, 'follow-up', item)] : []),
      ...(p.skip_when ? [use(messageData, 'skip')] : []),
    ];
  },
  evaluate(evidence, p, context) {
    const outcome = emptyOutcome();
    const { period, submittedOn, say } = context;
    if (skipIfApplies(evidence, p.skip_when, context, outcome)) return outcome;
    const path = pathOf(p.list);
    const list = valueAt(evidence, path);
    const from = windowStart(period.last, p.window_months);
    const window = { window_start: showDay(from), window_end: showDay(period.last), window_months: p.window_months, at_least: p.at_least };
    if (!Array.isArray(list) || list.length === 0) {
      outcome.findings.push({ status: 'fail', ...say('missing', { ...window, list: p.list }), path });
      return outcome;
    }
    const counted: { item: unknown; index: number; day: number }[] = [];
    list.forEach((item, index) => {
      const date = valueAt(item, pathOf(p.date_field));
      if (typeof date !== 'string') return;
      const day = toDay(date);
      if (day < from || day > period.last) return;
      if (p.where.every((c) => testCondition(item, c, context).ok)) counted.push({ item, index, day });
    });
    for (const { item, index } of counted) {
      outcome.satisfied.push({ status: 'pass', ...say('counted', window, item), path: [...path, index] });
    }
    if (counted.length < p.at_least) {
      outcome.findings.push({ status: 'fail', ...say('too-few', { ...window, count: counted.length }), path });
      return outcome;
    }
    const followUp = p.follow_up;
    if (followUp && !counted.some(({ item }) => valueAt(item, pathOf(followUp.field)) === true)) {
      const overdue = counted.find(({ day }) => submittedOn - day > followUp.grace_days);
      if (overdue) {
        const data = { ...window, grace_days: followUp.grace_days, days: submittedOn - overdue.day };
        outcome.findings.push({ status: 'warn', ...say('follow-up', data, overdue.item), path: [...path, overdue.index] });
      }
    }
    return outcome;
  },
};

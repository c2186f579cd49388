// Check kind `count-in-window`: enough items of a list, meeting conditions, dated within a window that ends with the period.
import * as z from 'zod';
import { showDay, toDay, windowStart } from '../calendar.ts';
import { CONDITION_DATA, conditionFields, conditionSchema, testCondition } from '../condition.ts';
import { evidenceField, listsEvidence, requireEvidence } from '../evidenced.ts';
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
    require_evidence: requireEvidence,
  }),
);

const windowData = ['window_start', 'window_end', 'window_months', 'at_least'] as const;
const messageData = {
  missing: [...windowData, 'list'],
  'too-few': [...windowData, 'count'],
  counted: windowData,
  'follow-up': [...windowData, 'grace_days', 'days'],
  /** An item in the window that lists no evidence (require_evidence): it is not counted. */
  'no-evidence': [...windowData, 'list'],
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
      ...(p.require_evidence !== undefined ? [use(messageData, 'no-evidence', item)] : []),
    ];
  },
  readsAttachments: (p) => p.require_evidence === true,
  fields: (p) => {
    const inItem = [
      { param: ['date_field'], path: p.date_field, needs: 'date' as const },
      ...p.where.flatMap((c, i) => conditionFields(c, ['where', i])),
      // Followed up means the field is true.
      ...(p.follow_up ? [{ param: ['follow_up', 'field'], path: p.follow_up.field, needs: 'true-false' as const }] : []),
      ...evidenceField(['require_evidence'], p.require_evidence),
    ];
    return [{ param: ['list'], path: p.list, needs: 'list', inside: inItem }, ...(p.skip_when ? conditionFields(p.skip_when, ['skip_when']) : [])];
  },
  evaluate(evidence, p, context) {
    const outcome = emptyOutcome();
    const { period, submittedOn, attachments, say } = context;
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
    const unevidenced: { item: unknown; index: number }[] = [];
    list.forEach((item, index) => {
      const date = valueAt(item, pathOf(p.date_field));
      if (typeof date !== 'string') return;
      const day = toDay(date);
      if (day < from || day > period.last) return;
      if (!p.where.every((c) => testCondition(item, c, context).ok)) return;
      if (p.require_evidence && !listsEvidence(attachments, [...path, index])) unevidenced.push({ item, index });
      else counted.push({ item, index, day });
    });
    for (const { item, index } of counted) {
      outcome.satisfied.push({ status: 'pass', ...say('counted', window, item), path: [...path, index] });
    }
    if (counted.length < p.at_least) {
      outcome.findings.push({ status: 'fail', ...say('too-few', { ...window, count: counted.length }), path });
      // Said only where the verdict turns on it: an item a rule met without needs no mention.
      for (const { item, index } of unevidenced) {
        outcome.findings.push({ status: 'fail', ...say('no-evidence', { ...window, list: p.list }, item), path: [...path, index] });
      }
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

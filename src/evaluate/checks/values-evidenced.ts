// Check kind `values-evidenced`: each required value of a field (a rung, a level) has a dated activity in the window.
import * as z from 'zod';
import { showDay, toDay, windowStart } from '../calendar.ts';
import { pathOf, valueAt } from '../select.ts';
import { emptyOutcome, use, type CheckKind, type MessageTable } from './types.ts';

// Built when a pack is compiled (condition.ts says why).
const params = z.lazy(() => {
  const value = z.union([z.string(), z.int()]);
  return z.strictObject({
    list: z.string().min(1),
    field: z.string().min(1),
    date_field: z.string().min(1),
    window_months: z.int().min(1),
    required: z.array(value),
    /** Counted only inside the same window; met ones are commendations. */
    aspirational: z.array(value).default([]),
    /** Names shown beside each value, e.g. 4: Representation. */
    labels: z.record(z.string(), z.string()).default({}),
  });
});

const windowData = ['window_start', 'window_end', 'window_months'] as const;
// `label` is the value's name from `labels` (4: Representation); `evidenced` and `commendation` may name the activity's fields.
const messageData = {
  'missing-value': [...windowData, 'value', 'label'],
  evidenced: [...windowData, 'value', 'label'],
  commendation: [...windowData, 'value', 'label'],
  'aspirational-missing': [...windowData, 'values'],
} as const satisfies MessageTable;

export const valuesEvidenced: CheckKind<z.infer<typeof params>, typeof messageData> = {
  kind: 'values-evidenced',
  params,
  messages: (p) => {
    const item = [...pathOf(p.list), 0];
    return [
      use(messageData, 'missing-value'),
      use(messageData, 'evidenced', item),
      ...(p.aspirational.length ? [use(messageData, 'commendation', item), use(messageData, 'aspirational-missing')] : []),
    ];
  },
  evaluate(evidence, p, { period, say }) {
    const outcome = emptyOutcome();
    const path = pathOf(p.list);
    const list = valueAt(evidence, path);
    const from = windowStart(period.last, p.window_months);
    const window = { window_start: showDay(from), window_end: showDay(period.last), window_months: p.window_months };
    const firstInWindow = new Map<string, { item: unknown; index: number }>();
    (Array.isArray(list) ? list : []).forEach((item, index) => {
      const key = String(valueAt(item, pathOf(p.field)));
      const date = valueAt(item, pathOf(p.date_field));
      if (typeof date !== 'string' || firstInWindow.has(key)) return;
      const day = toDay(date);
      if (day >= from && day <= period.last) firstInWindow.set(key, { item, index });
    });
    const describe = (v: string | number) => ({ ...window, value: v, label: Object.hasOwn(p.labels, String(v)) ? p.labels[String(v)]! : String(v) });

    for (const v of p.required) {
      const hit = firstInWindow.get(String(v));
      if (hit) outcome.satisfied.push({ status: 'pass', ...say('evidenced', describe(v), hit.item), path: [...path, hit.index] });
      else outcome.findings.push({ status: 'fail', ...say('missing-value', describe(v)), path });
    }
    const absent: string[] = [];
    for (const v of p.aspirational) {
      const hit = firstInWindow.get(String(v));
      if (hit) outcome.commendations.push({ status: 'pass', ...say('commendation', describe(v), hit.item), path: [...path, hit.index] });
      else absent.push(`${v} (${describe(v).label})`);
    }
    if (absent.length > 0 && outcome.findings.length === 0) {
      outcome.findings.push({ status: 'info', ...say('aspirational-missing', { ...window, values: absent.join(', ') }), path });
    }
    return outcome;
  },
};

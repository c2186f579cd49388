// Check kind `values-evidenced`: each required value of a field (a rung, a level) has a dated activity in the window.
import * as z from 'zod';
import { showDay, toDay, windowStart } from '../calendar.ts';
import { pathOf, scalarsOf, valueAt } from '../select.ts';
import { emptyOutcome, type CheckKind, type Finding } from './types.ts';

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

export const valuesEvidenced: CheckKind<z.infer<typeof params>> = {
  kind: 'values-evidenced',
  params,
  messages: (p) => ['missing-value', 'evidenced', ...(p.aspirational.length ? ['commendation', 'aspirational-missing'] : [])],
  fields: (p) => {
    // Each required and aspirational value is one the field can hold, compared as text as evaluate does.
    const values = (['required', 'aspirational'] as const).flatMap((name) => p[name].map((value, i) => ({ param: [name, i], value })));
    const inItem = [
      { param: ['field'], path: p.field, needs: 'any' as const, values, compare: 'text' as const },
      { param: ['date_field'], path: p.date_field, needs: 'date' as const },
    ];
    return [{ param: ['list'], path: p.list, needs: 'list', inside: inItem }];
  },
  evaluate(evidence, p, { period, say }) {
    const outcome = emptyOutcome();
    const path = pathOf(p.list);
    const list = valueAt(evidence, path);
    const from = windowStart(period.last, p.window_months);
    const window = { window_start: showDay(from), window_end: showDay(period.last), window_months: p.window_months };
    const firstInWindow = new Map<string, Finding & { data: Record<string, unknown> }>();
    (Array.isArray(list) ? list : []).forEach((item, index) => {
      const key = String(valueAt(item, pathOf(p.field)));
      const date = valueAt(item, pathOf(p.date_field));
      if (typeof date !== 'string' || firstInWindow.has(key)) return;
      const day = toDay(date);
      if (day >= from && day <= period.last) firstInWindow.set(key, { status: 'pass', message: '', path: [...path, index], data: scalarsOf(item) });
    });
    const describe = (v: string | number) => ({ ...window, value: v, label: Object.hasOwn(p.labels, String(v)) ? p.labels[String(v)]! : String(v) });

    for (const v of p.required) {
      const hit = firstInWindow.get(String(v));
      if (hit) outcome.satisfied.push({ ...hit, message: say('evidenced', { ...hit.data, ...describe(v) }) });
      else outcome.findings.push({ status: 'fail', message: say('missing-value', describe(v)), path });
    }
    const absent: string[] = [];
    for (const v of p.aspirational) {
      const hit = firstInWindow.get(String(v));
      if (hit) outcome.commendations.push({ ...hit, message: say('commendation', { ...hit.data, ...describe(v) }) });
      else absent.push(`${v} (${describe(v).label})`);
    }
    if (absent.length > 0 && outcome.findings.length === 0) {
      outcome.findings.push({ status: 'info', message: say('aspirational-missing', { ...window, values: absent.join(', ') }), path });
    }
    return outcome;
  },
};

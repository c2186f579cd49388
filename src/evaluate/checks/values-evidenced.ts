// Check kind `values-evidenced`: each required value of a field (a rung, a level, a topic in a list of them) has a dated
// activity in the window.
import * as z from 'zod';
import { showDay, toDay, windowStart } from '../calendar.ts';
import { evidenceField, listsEvidence, requireEvidence } from '../evidenced.ts';
import { pathOf, valueAt } from '../select.ts';
import { emptyOutcome, use, type CheckKind, type Finding, type MessageTable } from './types.ts';

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
    require_evidence: requireEvidence,
  });
});

const windowData = ['window_start', 'window_end', 'window_months'] as const;
// `label` is the value's name from `labels` (4: Representation); `evidenced` and `commendation` may name the activity's fields.
const messageData = {
  'missing-value': [...windowData, 'value', 'label'],
  evidenced: [...windowData, 'value', 'label'],
  commendation: [...windowData, 'value', 'label'],
  'aspirational-missing': [...windowData, 'values'],
  /** An activity that would have evidenced the value but lists no evidence (require_evidence). */
  'no-evidence': [...windowData, 'value', 'label'],
} as const satisfies MessageTable;

type Hit = { item: unknown; index: number };

export const valuesEvidenced: CheckKind<z.infer<typeof params>, typeof messageData> = {
  kind: 'values-evidenced',
  params,
  messages: (p) => {
    const item = [...pathOf(p.list), 0];
    return [
      use(messageData, 'missing-value'),
      use(messageData, 'evidenced', item),
      ...(p.aspirational.length ? [use(messageData, 'commendation', item), use(messageData, 'aspirational-missing')] : []),
      ...(p.require_evidence !== undefined ? [use(messageData, 'no-evidence', item)] : []),
    ];
  },
  readsAttachments: (p) => p.require_evidence === true,
  fields: (p) => {
    // Each required and aspirational value is one the field can hold, compared as text as evaluate does.
    const values = (['required', 'aspirational'] as const).flatMap((name) => p[name].map((value, i) => ({ param: [name, i], value })));
    const inItem = [
      { param: ['field'], path: p.field, needs: 'any' as const, values, compare: 'text' as const, eachItem: true },
      { param: ['date_field'], path: p.date_field, needs: 'date' as const },
      ...evidenceField(['require_evidence'], p.require_evidence),
    ];
    return [{ param: ['list'], path: p.list, needs: 'list', inside: inItem }];
  },
  evaluate(evidence, p, { period, attachments, say }) {
    const outcome = emptyOutcome();
    const path = pathOf(p.list);
    const list = valueAt(evidence, path);
    const from = windowStart(period.last, p.window_months);
    const window = { window_start: showDay(from), window_end: showDay(period.last), window_months: p.window_months };
    const firstInWindow = new Map<string, Hit>();
    // By value, the items in the window that would have evidenced it but list no evidence.
    const unevidenced = new Map<string, Hit[]>();
    (Array.isArray(list) ? list : []).forEach((item, index) => {
      const date = valueAt(item, pathOf(p.date_field));
      if (typeof date !== 'string') return;
      const day = toDay(date);
      if (day < from || day > period.last) return;
      const evidenced = !p.require_evidence || listsEvidence(attachments, [...path, index]);
      // A field holding a list (a survey's topics) evidences each value in it.
      const held = valueAt(item, pathOf(p.field));
      for (const key of (Array.isArray(held) ? held : [held]).map(String)) {
        if (firstInWindow.has(key)) continue;
        if (evidenced) firstInWindow.set(key, { item, index });
        else unevidenced.set(key, [...(unevidenced.get(key) ?? []), { item, index }]);
      }
    });
    const describe = (v: string | number) => ({ ...window, value: v, label: Object.hasOwn(p.labels, String(v)) ? p.labels[String(v)]! : String(v) });
    // A value with no evidenced item, but items that list none, is said to lack evidence rather than activity.
    const lacking = (v: string | number, status: Finding['status']): Finding[] =>
      (unevidenced.get(String(v)) ?? []).map((hit) => ({ status, ...say('no-evidence', describe(v), hit.item), path: [...path, hit.index] }));

    for (const v of p.required) {
      const hit = firstInWindow.get(String(v));
      const unbacked = lacking(v, 'fail');
      if (hit) outcome.satisfied.push({ status: 'pass', ...say('evidenced', describe(v), hit.item), path: [...path, hit.index] });
      else if (unbacked.length > 0) outcome.findings.push(...unbacked);
      else outcome.findings.push({ status: 'fail', ...say('missing-value', describe(v)), path });
    }
    const absent: string[] = [];
    const unbackedAspirations: Finding[] = [];
    for (const v of p.aspirational) {
      const hit = firstInWindow.get(String(v));
      const unbacked = lacking(v, 'info');
      if (hit) outcome.commendations.push({ status: 'pass', ...say('commendation', describe(v), hit.item), path: [...path, hit.index] });
      else if (unbacked.length > 0) unbackedAspirations.push(...unbacked);
      else absent.push(`${v} (${describe(v).label})`);
    }
    // Aspirations are mentioned only once every required value is met, so the failures stay in front.
    if (outcome.findings.length === 0) {
      outcome.findings.push(...unbackedAspirations);
      if (absent.length > 0) outcome.findings.push({ status: 'info', ...say('aspirational-missing', { ...window, values: absent.join(', ') }), path });
    }
    return outcome;
  },
};

// Check kind `conditions`: fields of a section, and of the items in one of its lists, meet stated conditions.
import * as z from 'zod';
import type { KeyPath } from '../../load/positions.ts';
import { conditionFields, conditionSchema, testCondition, type Condition } from '../condition.ts';
import { listsEvidence, requireEvidence } from '../evidenced.ts';
import { pathOf, scalarsOf, valueAt } from '../select.ts';
import { emptyOutcome, type CheckContext, type CheckKind, type CheckOutcome } from './types.ts';

// Built when a pack is compiled (condition.ts says why).
const params = z.lazy(() => {
  const requirement = conditionSchema.refine((c) => c.message !== undefined, { message: 'a required condition needs a message' });
  return z.strictObject({
    section: z.string().min(1),
    /** Conditions on the section itself. */
    require: z.array(requirement).default([]),
    items: z
      .strictObject({
        list: z.string().min(1),
        /** The item field that names it in messages as {{label}}; `name` when not given. */
        label: z.string().min(1).optional(),
        /** Which items the rule is about; the others are ignored. */
        applies_when: z.array(conditionSchema).default([]),
        at_least: z.int().nonnegative().default(1),
        require: z.array(requirement).default([]),
        /** An applicable item that lists no evidence is neither counted nor judged. */
        require_evidence: requireEvidence,
      })
      .optional(),
    /** Tested on the whole file: when it holds, the rule does not apply. */
    skip_when: conditionSchema.optional(),
  });
});

type Params = z.infer<typeof params>;

export function skipIfApplies(evidence: unknown, skipWhen: Condition | undefined, context: CheckContext, outcome: CheckOutcome): boolean {
  if (!skipWhen) return false;
  const test = testCondition(evidence, skipWhen, context);
  if (test.ok) outcome.skipped = { status: 'skip', message: context.say('skip', test.data), path: pathOf(skipWhen.field) };
  return test.ok;
}

function checkAll(target: unknown, conditions: Condition[], path: KeyPath, label: string, context: CheckContext, outcome: CheckOutcome): boolean {
  let ok = true;
  for (const condition of conditions) {
    if (!condition.when) continue;
    const test = testCondition(target, condition, context);
    if (test.ok) continue;
    ok = ok && condition.status !== 'fail';
    const at = valueAt(target, pathOf(condition.field)) === undefined ? path : [...path, ...pathOf(condition.field)];
    outcome.findings.push({ status: condition.status, message: context.fill(condition.message!, { ...scalarsOf(target), label, ...test.data }), path: at });
  }
  return ok;
}

export const conditions: CheckKind<Params> = {
  kind: 'conditions',
  params,
  messages: (p) => [
    'missing',
    'pass',
    ...(p.items ? ['none-applicable', 'item-pass'] : []),
    ...(p.skip_when ? ['skip'] : []),
    ...(p.items?.require_evidence !== undefined ? ['no-evidence'] : []),
  ],
  readsAttachments: (p) => p.items?.require_evidence === true,
  fields: (p) => {
    const items = p.items && {
      param: ['items', 'list'],
      path: p.items.list,
      needs: 'list' as const,
      inside: [
        // Only a label the rule gives: items without a `name` are numbered instead.
        ...(p.items.label === undefined ? [] : [{ param: ['items', 'label'], path: p.items.label, needs: 'any' as const }]),
        ...p.items.applies_when.flatMap((c, i) => conditionFields(c, ['items', 'applies_when', i])),
        ...p.items.require.flatMap((c, i) => conditionFields(c, ['items', 'require', i])),
      ],
    };
    const inSection = [...p.require.flatMap((c, i) => conditionFields(c, ['require', i])), ...(items ? [items] : [])];
    return [{ param: ['section'], path: p.section, needs: 'section', inside: inSection }, ...(p.skip_when ? conditionFields(p.skip_when, ['skip_when']) : [])];
  },
  evaluate(evidence, p, context) {
    const outcome = emptyOutcome();
    const { say } = context;
    if (skipIfApplies(evidence, p.skip_when, context, outcome)) return outcome;
    const path = pathOf(p.section);
    const section = valueAt(evidence, path);
    if (section === undefined) {
      outcome.findings.push({ status: 'fail', message: say('missing', { section: p.section }), path });
      return outcome;
    }
    const sectionOk = checkAll(section, p.require, path, p.section, context, outcome);
    if (p.items) {
      const listPath = [...path, ...pathOf(p.items.list)];
      const list = valueAt(evidence, listPath);
      const items = Array.isArray(list) ? list : [];
      let applicable = 0;
      const unevidenced: { item: unknown; label: string; itemPath: KeyPath }[] = [];
      items.forEach((item, index) => {
        if (!p.items!.applies_when.every((c) => testCondition(item, c, context).ok)) return;
        const label = String(valueAt(item, pathOf(p.items!.label ?? 'name')) ?? `${p.items!.list} ${index + 1}`);
        const itemPath = [...listPath, index];
        if (p.items!.require_evidence && !listsEvidence(context.attachments, itemPath)) {
          unevidenced.push({ item, label, itemPath });
          return;
        }
        applicable++;
        if (checkAll(item, p.items!.require, itemPath, label, context, outcome)) {
          outcome.satisfied.push({ status: 'pass', message: say('item-pass', { ...scalarsOf(item), label }), path: itemPath });
        }
      });
      if (applicable < p.items.at_least) {
        const data = { count: applicable, at_least: p.items.at_least, list: p.items.list };
        outcome.findings.push({ status: 'fail', message: say('none-applicable', data), path: list === undefined ? path : listPath });
        for (const { item, label, itemPath } of unevidenced) {
          outcome.findings.push({ status: 'fail', message: say('no-evidence', { ...scalarsOf(item), label }), path: itemPath });
        }
      }
    }
    if (sectionOk && outcome.findings.every((f) => f.status !== 'fail')) {
      outcome.satisfied.unshift({ status: 'pass', message: say('pass', { ...scalarsOf(section), section: p.section }), path });
    }
    return outcome;
  },
};

// Check kind `conditions`: fields of a section, and of the items in one of its lists, meet stated conditions.
import * as z from 'zod';
import type { KeyPath } from '../../load/positions.ts';
import { CONDITION_DATA, conditionFields, conditionSchema, testCondition, type Condition } from '../condition.ts';
import { evidenceField, listsEvidence, requireEvidence } from '../evidenced.ts';
import { pathOf, valueAt } from '../select.ts';
import { emptyOutcome, use, type CheckContext, type CheckKind, type CheckOutcome, type MessageTable, type MessageUse } from './types.ts';

// Built when a pack is compiled (condition.ts says why).
const params = z.lazy(() => {
  const requirement = conditionSchema.refine((c) => c.message !== undefined, { message: 'a required condition needs a message' });
  return z.strictObject({
    /** Left out: `require` is tested on the whole return, and `items.list` is a path from its top (ladder). */
    section: z.string().min(1).optional(),
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

const messageData = {
  missing: ['section'],
  pass: ['section'],
  'none-applicable': ['count', 'at_least', 'list'],
  'item-pass': ['label'],
  /** An applicable item that lists no evidence (require_evidence): it is not counted. */
  'no-evidence': ['label'],
  skip: CONDITION_DATA,
  /** Not an id: a failed condition's message, under the id its `message:` names. */
  condition: [...CONDITION_DATA, 'label'],
} as const satisfies MessageTable;

/** The rule's `skip` message, when `skip_when` holds. */
export function skipIfApplies(evidence: unknown, skipWhen: Condition | undefined, context: CheckContext<Pick<typeof messageData, 'skip'>>, outcome: CheckOutcome): boolean {
  if (!skipWhen) return false;
  const test = testCondition(evidence, skipWhen, context);
  if (test.ok) outcome.skipped = { status: 'skip', ...context.say('skip', test.data), path: pathOf(test.data.field as string) };
  return test.ok;
}

function checkAll(target: unknown, conditions: Condition[], path: KeyPath, label: string, context: CheckContext<typeof messageData>, outcome: CheckOutcome): boolean {
  let ok = true;
  for (const condition of conditions) {
    if (!condition.when) continue;
    const test = testCondition(target, condition, context);
    if (test.ok) continue;
    ok = ok && condition.status !== 'fail';
    // At the field it is about (for a combination, the field of the condition that held), else at what it tests.
    const field = pathOf(String(test.data.field));
    const at = valueAt(target, field) === undefined ? path : [...path, ...field];
    outcome.findings.push({ status: condition.status, ...context.say('condition', { ...test.data, label }, target, condition.message), path: at });
  }
  return ok;
}

/** Each condition's own message, with where the rule names it and the object it is tested on. */
function conditionMessages(conditions: readonly Condition[], item: KeyPath, at: KeyPath): MessageUse[] {
  return conditions.map((c, i) => ({ ...use(messageData, 'condition', item), id: c.message!, namedAt: [...at, i, 'message'] }));
}

export const conditions: CheckKind<Params, typeof messageData> = {
  kind: 'conditions',
  params,
  messages: (p) => {
    const section = pathOf(p.section ?? '');
    const item = p.items ? [...section, ...pathOf(p.items.list), 0] : [];
    return [
      // The whole return is never missing, and is no section to name.
      ...(p.section === undefined ? [{ id: 'pass', data: [] }] : [use(messageData, 'missing'), use(messageData, 'pass', section)]),
      ...conditionMessages(p.require, section, ['check', 'require']),
      ...(p.items ? [use(messageData, 'none-applicable'), use(messageData, 'item-pass', item), ...conditionMessages(p.items.require, item, ['check', 'items', 'require'])] : []),
      ...(p.skip_when ? [use(messageData, 'skip')] : []),
      ...(p.items?.require_evidence !== undefined ? [use(messageData, 'no-evidence', item)] : []),
    ];
  },
  readsAttachments: (p) => p.items?.require_evidence === true,
  fields: (p) => {
    const items = p.items && {
      param: ['items', 'list'],
      path: p.items.list,
      needs: 'list' as const,
      inside: [
        // Only a label the rule gives: items without one are numbered from 1, as paths for people are.
        ...(p.items.label === undefined ? [] : [{ param: ['items', 'label'], path: p.items.label, needs: 'any' as const }]),
        ...p.items.applies_when.flatMap((c, i) => conditionFields(c, ['items', 'applies_when', i])),
        ...p.items.require.flatMap((c, i) => conditionFields(c, ['items', 'require', i])),
        ...evidenceField(['items', 'require_evidence'], p.items.require_evidence),
      ],
    };
    const inSection = [...p.require.flatMap((c, i) => conditionFields(c, ['require', i])), ...(items ? [items] : [])];
    const skip = p.skip_when ? conditionFields(p.skip_when, ['skip_when']) : [];
    if (p.section === undefined) return [...inSection, ...skip];
    return [{ param: ['section'], path: p.section, needs: 'section', inside: inSection }, ...skip];
  },
  evaluate(evidence, p, context) {
    const outcome = emptyOutcome();
    const { say } = context;
    if (skipIfApplies(evidence, p.skip_when, context, outcome)) return outcome;
    const path = pathOf(p.section ?? '');
    const section = valueAt(evidence, path);
    if (section === undefined) {
      outcome.findings.push({ status: 'fail', ...say('missing', { section: p.section }), path });
      return outcome;
    }
    const sectionOk = checkAll(section, p.require, path, p.section ?? '', context, outcome);
    if (p.items) {
      const listPath = [...path, ...pathOf(p.items.list)];
      const list = valueAt(evidence, listPath);
      const items = Array.isArray(list) ? list : [];
      let applicable = 0;
      const unevidenced: { item: unknown; label: string; itemPath: KeyPath }[] = [];
      items.forEach((item, index) => {
        if (!p.items!.applies_when.every((c) => testCondition(item, c, context).ok)) return;
        const label = String(valueAt(item, pathOf(p.items!.label ?? 'name')) ?? `${p.items!.list}, item ${index + 1}`);
        const itemPath = [...listPath, index];
        if (p.items!.require_evidence && !listsEvidence(context.attachments, itemPath)) {
          unevidenced.push({ item, label, itemPath });
          return;
        }
        applicable++;
        if (checkAll(item, p.items!.require, itemPath, label, context, outcome)) {
          outcome.satisfied.push({ status: 'pass', ...say('item-pass', { label }, item), path: itemPath });
        }
      });
      if (applicable < p.items.at_least) {
        const data = { count: applicable, at_least: p.items.at_least, list: p.items.list };
        outcome.findings.push({ status: 'fail', ...say('none-applicable', data), path: list === undefined ? path : listPath });
        for (const { item, label, itemPath } of unevidenced) {
          outcome.findings.push({ status: 'fail', ...say('no-evidence', { label }, item), path: itemPath });
        }
      }
    }
    if (sectionOk && outcome.findings.every((f) => f.status !== 'fail')) {
      // Without a section there is nothing to name: the message is given no data (messages() says so).
      const data = (p.section === undefined ? {} : { section: p.section }) as { section: string };
      outcome.satisfied.unshift({ status: 'pass', ...say('pass', data, section), path });
    }
    return outcome;
  },
};

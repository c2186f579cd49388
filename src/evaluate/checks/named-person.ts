// Check kind `named-person`: a section names a real person (not a placeholder) with the details asked for.
import * as z from 'zod';
import { showDay, toDay } from '../calendar.ts';
import { pathOf, valueAt } from '../select.ts';
import { emptyOutcome, use, type CheckKind, type MessageTable } from './types.ts';

// Built when a pack is compiled (condition.ts says why).
const params = z.lazy(() =>
  z.strictObject({
    section: z.string().min(1),
    placeholders: z.array(z.string()),
    require: z.array(z.enum(['role', 'contact'])).default([]),
    /** A `since` after the period's last day means the person was not in post during it. */
    in_post_by_period_end: z.boolean().default(true),
  }),
);

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// 0 or +44 followed by 9 or 10 digits, once spaces, hyphens, dots and brackets are taken out.
const UK_PHONE = /^(?:\+44|0044|0)\d{9,10}$/;

export function isPlaceholder(name: string, placeholders: readonly string[]): boolean {
  const folded = name.trim().toLowerCase();
  return /^[\p{P}\p{S}\s]*$/u.test(folded) || placeholders.some((p) => p.trim().toLowerCase() === folded);
}

export function isContact(contact: string): boolean {
  const trimmed = contact.trim();
  return EMAIL.test(trimmed) || UK_PHONE.test(trimmed.replace(/[\s\-.()]/g, '').replace(/^\+44\(?0\)?/, '+44'));
}

// Every message but `missing` may also name the person's fields ({{name}}, {{role}}).
const person = ['section', 'period_end'] as const;
const messageData = {
  missing: ['section'],
  placeholder: [...person, 'name'],
  'missing-field': [...person, 'field'],
  'bad-contact': [...person, 'contact'],
  'not-in-post': [...person, 'since'],
  pass: person,
} as const satisfies MessageTable;

export const namedPerson: CheckKind<z.infer<typeof params>, typeof messageData> = {
  kind: 'named-person',
  params,
  messages: (p) => [
    use(messageData, 'missing'),
    ...(['placeholder', 'missing-field', 'bad-contact', 'not-in-post', 'pass'] as const).map((id) => use(messageData, id, pathOf(p.section))),
  ],
  // The fields the kind itself reads in the section, where the section param is what a mistake would be.
  fields: (p) => {
    const reads = (path: string, needs: 'text' | 'date') => ({ param: ['section'], path, needs });
    // A starter return writes TBC for the name where the rule takes it for the placeholder it is.
    const name = { ...reads('name', 'text'), ...(isPlaceholder('TBC', p.placeholders) ? { unfilled: 'TBC' } : {}) };
    const inSection = [name, ...p.require.map((f) => reads(f, 'text')), ...(p.in_post_by_period_end ? [reads('since', 'date')] : [])];
    return [{ param: ['section'], path: p.section, needs: 'section', inside: inSection }];
  },
  evaluate(evidence, p, { period, say }) {
    const outcome = emptyOutcome();
    const path = pathOf(p.section);
    const person = valueAt(evidence, path) as { name?: string; role?: string; contact?: string; since?: string } | undefined;
    if (!person) {
      outcome.findings.push({ status: 'fail', ...say('missing', { section: p.section }), path });
      return outcome;
    }
    const data = { section: p.section, period_end: showDay(period.last) };
    if (person.name === undefined) {
      outcome.findings.push({ status: 'fail', ...say('missing-field', { ...data, field: 'name' }, person), path });
    } else if (isPlaceholder(person.name, p.placeholders)) {
      outcome.findings.push({ status: 'fail', ...say('placeholder', { ...data, name: person.name }, person), path: [...path, 'name'] });
    }
    for (const field of p.require) {
      if (!person[field]?.trim()) {
        outcome.findings.push({ status: 'fail', ...say('missing-field', { ...data, field }, person), path });
      }
    }
    if (p.require.includes('contact') && person.contact?.trim() && !isContact(person.contact)) {
      outcome.findings.push({ status: 'fail', ...say('bad-contact', { ...data, contact: person.contact }, person), path: [...path, 'contact'] });
    }
    if (p.in_post_by_period_end && person.since && toDay(person.since) > period.last) {
      outcome.findings.push({ status: 'fail', ...say('not-in-post', { ...data, since: person.since }, person), path: [...path, 'since'] });
    }
    if (outcome.findings.length === 0) outcome.satisfied.push({ status: 'pass', ...say('pass', data, person), path: [...path, 'name'] });
    return outcome;
  },
};

// Check kind `named-person`: a section names a real person (not a placeholder) with the details asked for.
import * as z from 'zod';
import { showDay, toDay } from '../calendar.ts';
import { pathOf, scalarsOf, valueAt } from '../select.ts';
import { emptyOutcome, type CheckKind } from './types.ts';

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

export const namedPerson: CheckKind<z.infer<typeof params>> = {
  kind: 'named-person',
  params,
  messages: () => ['missing', 'placeholder', 'missing-field', 'bad-contact', 'not-in-post', 'pass'],
  // The fields the kind itself reads in the section, where the section param is what a mistake would be.
  fields: (p) => {
    const reads = (path: string, needs: 'text' | 'date') => ({ param: ['section'], path, needs });
    const inSection = [reads('name', 'text'), ...p.require.map((f) => reads(f, 'text')), ...(p.in_post_by_period_end ? [reads('since', 'date')] : [])];
    return [{ param: ['section'], path: p.section, needs: 'section', inside: inSection }];
  },
  evaluate(evidence, p, { period, say }) {
    const outcome = emptyOutcome();
    const path = pathOf(p.section);
    const person = valueAt(evidence, path) as { name?: string; role?: string; contact?: string; since?: string } | undefined;
    if (!person) {
      outcome.findings.push({ status: 'fail', message: say('missing', { section: p.section }), path });
      return outcome;
    }
    const data = { ...scalarsOf(person), section: p.section, period_end: showDay(period.last) };
    if (person.name === undefined) {
      outcome.findings.push({ status: 'fail', message: say('missing-field', { ...data, field: 'name' }), path });
    } else if (isPlaceholder(person.name, p.placeholders)) {
      outcome.findings.push({ status: 'fail', message: say('placeholder', data), path: [...path, 'name'] });
    }
    for (const field of p.require) {
      if (!person[field]?.trim()) {
        outcome.findings.push({ status: 'fail', message: say('missing-field', { ...data, field }), path });
      }
    }
    if (p.require.includes('contact') && person.contact?.trim() && !isContact(person.contact)) {
      outcome.findings.push({ status: 'fail', message: say('bad-contact', data), path: [...path, 'contact'] });
    }
    if (p.in_post_by_period_end && person.since && toDay(person.since) > period.last) {
      outcome.findings.push({ status: 'fail', message: say('not-in-post', data), path: [...path, 'since'] });
    }
    if (outcome.findings.length === 0) outcome.satisfied.push({ status: 'pass', message: say('pass', data), path: [...path, 'name'] });
    return outcome;
  },
};

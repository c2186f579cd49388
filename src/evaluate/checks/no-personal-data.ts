// Check kind `no-personal-data`: no service user's NHS number, phone number, date of birth or address in free text.
import * as z from 'zod';
import { showSubject } from '../../validate/item-path.ts';
import { findPersonalData } from '../personal-data.ts';
import { emptyOutcome, use, type CheckKind, type MessageTable } from './types.ts';

// Built when a pack is compiled (condition.ts says why).
const params = z.lazy(() =>
  z.strictObject({
    /** Dotted paths of staff contact fields, where a phone number belongs. */
    phone_allowed_in: z.array(z.string()),
  }),
);

// `kind` is what the value looks like ("an NHS number"), never the value: the report is circulated.
const messageData = {
  found: ['field', 'kind'],
  pass: [],
} as const satisfies MessageTable;

export const noPersonalData: CheckKind<z.infer<typeof params>, typeof messageData> = {
  kind: 'no-personal-data',
  params,
  messages: () => [use(messageData, 'found'), use(messageData, 'pass')],
  // Each is dotted without list indexes, as findPersonalData matches them: surveys.title is every survey's title.
  fields: (p) => p.phone_allowed_in.map((path, i) => ({ param: ['phone_allowed_in', i], path, needs: 'text', throughLists: true })),
  evaluate(evidence, p, { say }) {
    const outcome = emptyOutcome();
    for (const hit of findPersonalData(evidence, p.phone_allowed_in)) {
      // The kind of data and where, never the value, nor the item's title beside it: the report is circulated.
      const field = showSubject(hit.path);
      outcome.findings.push({ status: 'fail', ...say('found', { field, kind: hit.kind }), path: hit.path });
    }
    if (outcome.findings.length === 0) outcome.satisfied.push({ status: 'pass', ...say('pass', {}), path: [] });
    return outcome;
  },
};

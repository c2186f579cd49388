// Check kind `no-personal-data`: no service user's NHS number, phone number, date of birth or address in free text,
// and no name where the format asks for a reference.
import * as z from 'zod';
import { showSubject } from '../../validate/item-path.ts';
import { findPersonalData } from '../personal-data.ts';
import { emptyOutcome, use, type CheckKind, type MessageTable } from './types.ts';

// Built when a pack is compiled (condition.ts says why).
const params = z.lazy(() =>
  z.strictObject({
    /** Dotted paths of staff contact fields, where a phone number belongs. */
    phone_allowed_in: z.array(z.string()),
    /** Dotted paths of the fields that hold a pseudonymous reference (V-014), never a name. */
    references: z.array(z.string()),
  }),
);

// `kind` is what the value looks like ("an NHS number"), never the value: the report is circulated.
const messageData = {
  found: ['field', 'kind'],
  'not-reference': ['field'],
  pass: [],
} as const satisfies MessageTable;

export const noPersonalData: CheckKind<z.infer<typeof params>, typeof messageData> = {
  kind: 'no-personal-data',
  params,
  messages: () => [use(messageData, 'found'), use(messageData, 'not-reference'), use(messageData, 'pass')],
  // Each is dotted without list indexes, as findPersonalData matches them: surveys.title is every survey's title.
  // Where a phone number may stand, and the fields that must hold references: not fields a return must give.
  fields: (p) =>
    (['phone_allowed_in', 'references'] as const).flatMap((param) => p[param].map((path, i) => ({ param: [param, i], path, needs: 'text' as const, throughLists: true, asked: false }))),
  evaluate(evidence, p, { say }) {
    const outcome = emptyOutcome();
    for (const hit of findPersonalData(evidence, { phoneAllowedIn: p.phone_allowed_in, references: p.references })) {
      // The kind of data and where, never the value, nor the item's title beside it: the report is circulated.
      const field = showSubject(hit.path);
      const said = hit.kind === 'a name' ? say('not-reference', { field }) : say('found', { field, kind: hit.kind });
      outcome.findings.push({ status: 'fail', ...said, path: hit.path });
    }
    if (outcome.findings.length === 0) outcome.satisfied.push({ status: 'pass', ...say('pass', {}), path: [] });
    return outcome;
  },
};

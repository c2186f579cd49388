// Check kind `attachments-present`: every attachment a return lists is a file inside the evidence repository,
// matching its sha256 when one is given. The file system was read before evaluation (load/attachments.ts).
import * as z from 'zod';
import type { AttachmentProblem } from '../../load/attachments.ts';
import { emptyOutcome, use, type CheckKind, type MessageTable } from './types.ts';

const params = z.strictObject({});

const ref = ['ref'] as const;
const messageData = {
  absolute: ref,
  escapes: ref,
  outside: ref,
  missing: ref,
  'not-a-file': ref,
  'hash-mismatch': ref,
  unreadable: ref,
  present: ref,
  none: [],
} as const satisfies MessageTable & Record<AttachmentProblem, readonly string[]>;

export const attachmentsPresent: CheckKind<z.infer<typeof params>, typeof messageData> = {
  kind: 'attachments-present',
  params,
  messages: () => Object.keys(messageData).map((id) => use(messageData, id as keyof typeof messageData)),
  fields: () => [],
  evaluate(_evidence, _p, { attachments, say }) {
    const outcome = emptyOutcome();
    for (const a of attachments) {
      if (a.problem) outcome.findings.push({ status: 'fail', ...say(a.problem, { ref: a.ref }), path: a.path });
      else outcome.satisfied.push({ status: 'pass', ...say('present', { ref: a.ref }), path: a.path });
    }
    if (attachments.length === 0) outcome.satisfied.push({ status: 'pass', ...say('none', {}), path: [] });
    return outcome;
  },
  readsAttachments: () => true,
};

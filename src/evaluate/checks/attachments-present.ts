// Check kind `attachments-present`: every attachment a return lists is a file inside the evidence repository,
// matching its sha256 when one is given. The file system was read before evaluation (load/attachments.ts).
import * as z from 'zod';
import { emptyOutcome, type CheckKind } from './types.ts';

const params = z.strictObject({});

export const attachmentsPresent: CheckKind<z.infer<typeof params>> = {
  kind: 'attachments-present',
  params,
  messages: () => ['absolute', 'escapes', 'outside', 'missing', 'not-a-file', 'hash-mismatch', 'unreadable', 'present', 'none'],
  fields: () => [],
  evaluate(_evidence, _p, { attachments, say }) {
    const outcome = emptyOutcome();
    for (const a of attachments) {
      if (a.problem) outcome.findings.push({ status: 'fail', message: say(a.problem, { ref: a.ref }), path: a.path });
      else outcome.satisfied.push({ status: 'pass', message: say('present', { ref: a.ref }), path: a.path });
    }
    if (attachments.length === 0) outcome.satisfied.push({ status: 'pass', message: say('none', {}), path: [] });
    return outcome;
  },
  readsAttachments: () => true,
};

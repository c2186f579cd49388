// Evaluate stage: the closed table of check kinds. A rule pack can only choose and parameterise these.
import { attachmentsPresent } from './attachments-present.ts';
import { claimsReimbursed } from './claims-reimbursed.ts';
import { conditions } from './conditions.ts';
import { countInWindow } from './count-in-window.ts';
import { namedPerson } from './named-person.ts';
import { noPersonalData } from './no-personal-data.ts';
import type { CheckKind } from './types.ts';
import { valuesEvidenced } from './values-evidenced.ts';

export type CheckKindName = 'named-person' | 'conditions' | 'count-in-window' | 'values-evidenced' | 'claims-reimbursed' | 'no-personal-data' | 'attachments-present';

export const checkKinds = {
  'named-person': namedPerson,
  conditions,
  'count-in-window': countInWindow,
  'values-evidenced': valuesEvidenced,
  'claims-reimbursed': claimsReimbursed,
  'no-personal-data': noPersonalData,
  'attachments-present': attachmentsPresent,
  // Each kind's params type differs; the table only promises that every name has a kind.
} satisfies Record<CheckKindName, CheckKind<any>> as Record<CheckKindName, CheckKind<unknown>>;

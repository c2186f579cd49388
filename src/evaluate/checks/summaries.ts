// Evaluate stage: one line per check kind saying what it checks, for the pack writers' guide (docs/writing-packs.md).
import type { CheckKindName } from './index.ts';

export const checkKindSummaries = {
  'named-person': 'a section names a real person, not a placeholder, with the details asked for',
  conditions: "a section's fields, and the fields of the items in one of its lists, meet stated conditions",
  'count-in-window': 'enough dated items of a list, meeting conditions, fall in a window ending with the quarter',
  'values-evidenced': 'each required value of a field (a rung, a level, one of a list of topics) has a dated activity in the window',
  'claims-reimbursed': "an expenses policy covers what it must, and volunteers' claims are paid in full and on time",
  'no-personal-data':
    'no NHS number, phone number (outside the staff contact fields), date of birth or postcode next to a name in any text, and a reference (V-014), never a name, in each reference field',
  'attachments-present': 'every attachment a return lists is a file inside the evidence repository, with its sha256 when one is given',
} satisfies Record<CheckKindName, string>;

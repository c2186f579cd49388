// Evaluate stage: whether an item backs itself with evidence, for the rules that take no declaration alone.
import * as z from 'zod';
import type { AttachmentProblem, AttachmentState } from '../load/attachments.ts';
import type { KeyPath } from '../load/positions.ts';
import type { FieldRef } from './checks/types.ts';

/** The counting kinds' switch, usually `$require_evidence`: an item counts only when it lists evidence. */
export const requireEvidence = z.boolean().optional();

/** With the switch on, the item's own `evidence:` list is a field the check reads (written at `param`). */
export const evidenceField = (param: KeyPath, on: boolean | undefined): FieldRef[] => (on ? [{ param, path: 'evidence', needs: 'list' }] : []);

// A path that leaves the repository is no evidence. One inside it that is missing, unreadable or changed still is
// here: that is attachments-present's finding, and a provider should not fail two rules for one slip.
const LEAVES: ReadonlySet<AttachmentProblem> = new Set(['absolute', 'escapes', 'outside']);

/** Whether the item at `item` lists, under its own `evidence:`, at least one attachment inside the repository. */
export function listsEvidence(attachments: readonly AttachmentState[], item: KeyPath): boolean {
  return attachments.some(
    (a) => a.path.length === item.length + 2 && a.path[item.length] === 'evidence' && item.every((key, i) => a.path[i] === key) && !(a.problem && LEAVES.has(a.problem)),
  );
}

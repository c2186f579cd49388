// Tests for the `attachments-present` check kind: each state an attachment can be in (found by the load stage)
// becomes a finding by that id, a file present is evidence, and a return with none passes.
import { describe, expect, it } from 'vitest';
import type { AttachmentProblem } from '../../../src/load/attachments.ts';
import { notes, runCheck } from './run-check.ts';

const at = (ref: string, problem?: AttachmentProblem) => ({ path: ['charter', 'sites', 0, 'evidence', 0], ref, ...(problem ? { problem } : {}) });
const check = (attachments: ReturnType<typeof at>[]) => runCheck('attachments-present', {}, {}, { attachments, severity: 'recommended' });

describe('attachments-present', () => {
  it.each(['absolute', 'escapes', 'outside', 'missing', 'not-a-file', 'hash-mismatch', 'unreadable'] as const)('fails an attachment that is %s, by that id, with its path as written', (problem) => {
    const r = check([at('photos/room.jpg', problem)]);
    expect(r.status).toBe('fail');
    expect(notes(r.findings)).toEqual([{ status: 'fail', id: problem, data: { ref: 'photos/room.jpg' } }]);
    expect(r.findings[0]!.path).toEqual(['charter', 'sites', 0, 'evidence', 0]);
  });

  it('gives each file present as evidence, and fails only for the one that is not', () => {
    const r = check([at('photos/a.jpg'), at('photos/b.jpg', 'missing')]);
    expect(r.status).toBe('fail');
    expect(notes(r.satisfied)).toEqual([{ status: 'pass', id: 'present', data: { ref: 'photos/a.jpg' } }]);
    expect(r.findings.map((f) => f.data.ref)).toEqual(['photos/b.jpg']);
  });

  it('passes a return that lists no attachments, saying so', () => {
    const r = check([]);
    expect(r.status).toBe('pass');
    expect(notes(r.satisfied)).toEqual([{ status: 'pass', id: 'none', data: {} }]);
  });
});

import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectAttachments } from '../../src/load/attachments.ts';

describe('inspectAttachments', () => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'involve-att-')));
  const outside = realpathSync(mkdtempSync(join(tmpdir(), 'involve-outside-')));
  writeFileSync(join(outside, 'secret.txt'), 'not evidence');
  mkdirSync(join(root, '2026-Q3', 'photos'), { recursive: true });
  writeFileSync(join(root, '2026-Q3', 'photos', 'a.jpg'), 'photo');
  writeFileSync(join(root, 'common-policy.pdf'), 'policy');
  symlinkSync(join(outside, 'secret.txt'), join(root, '2026-Q3', 'photos', 'link-out.jpg'));
  symlinkSync('a.jpg', join(root, '2026-Q3', 'photos', 'link-in.jpg'));
  const quarter = join(root, '2026-Q3');

  const problem = (ref: string) => inspectAttachments({ ladder: [{ evidence: [ref] }] }, quarter, root)[0]!.problem;

  it.each([
    ['photos/a.jpg', undefined],
    ['../common-policy.pdf', undefined], // up a folder, but still inside the repository root
    ['photos/link-in.jpg', undefined],
    ['photos/link-out.jpg', 'outside'],
    ['../../etc/passwd', 'escapes'],
    ['/etc/passwd', 'absolute'],
    ['C:\\Windows\\win.ini', 'absolute'],
    ['\\\\server\\share\\x', 'absolute'],
    ['photos/none.jpg', 'missing'],
    ['photos', 'not-a-file'],
  ])('%s → %s', (ref, expected) => {
    expect(problem(ref)).toBe(expected);
  });

  it('finds every evidence list, with its key path', () => {
    const states = inspectAttachments({ charter: { sites: [{ evidence: ['photos/a.jpg', { path: 'x.pdf' }] }] }, surveys: [{ evidence: [] }] }, quarter, root);
    expect(states.map((s) => [s.path, s.problem])).toEqual([
      [['charter', 'sites', 0, 'evidence', 0], undefined],
      [['charter', 'sites', 0, 'evidence', 1], 'missing'],
    ]);
  });
});

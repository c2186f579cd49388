// Each review format's exact text for a small dossier made by hand: one rule over two quarters, one missing, with
// a waiver applied; the expected texts are files beside this test (expected/), to read as a reader would.
import { describe, expect, it } from 'vitest';
import { reviewFormats, REVIEW_FORMAT_NAMES } from '../../../src/report/review/index.ts';
import type { Review } from '../../../src/report/review/model.ts';

const note = (message: string, line: number) => ({ status: 'pass' as const, id: 'pass', message, data: {}, line, column: 3 });

export const SMALL: Review = {
  tool: { name: 'involve', version: '9.9.9' },
  pack: { id: 'tiny', title: 'A tiny pack', lineage: ['tiny'], version: '2026-01', hash: '000000000000' },
  as_of: '2026-11-01',
  provider: { id: 'brook-lane', name: 'Brook Lane <Recovery> & Co', register: { id: 'brook-lane', name: 'Brook Lane <Recovery> & Co', contract: 'C-1', from: '2026-Q1' } },
  from: '2026-Q1',
  to: '2026-Q3',
  quarters: [
    { period: '2026-Q1', status: 'green', returns: [{ file: 'q1/brook-lane.yaml', status: 'green', submitted_on: '2026-04-10', errors: [], warnings: [] }] },
    { period: '2026-Q2', status: 'missing', returns: [] },
    { period: '2026-Q3', status: 'green', returns: [{ file: 'q3/brook-lane.yaml', status: 'green', submitted_on: '2026-10-09', errors: [], warnings: [] }] },
  ],
  undated: [],
  summary: { quarters: 3, returns: 2, green: 2, amber: 0, red: 0, invalid: 0, missing: 1, waived: 1 },
  rules: [{
    id: 'lead-named',
    title: 'A named lead',
    description: 'A lead is named.',
    severity: 'required',
    citation: { document: 'The *policy*', section: '1.2', quote: 'Name a lead.' },
    hint: 'Name the lead.',
    defined_in: 'tiny',
    results: [
      { period: '2026-Q1', file: 'q1/brook-lane.yaml', status: 'pass', message: 'A. Lead leads', line: 5, column: 3, findings: [], evidence: [note('A. Lead leads', 5), note('named on 2026-02-01', 6)], commendations: [] },
      {
        period: '2026-Q3', file: 'q3/brook-lane.yaml', status: 'waived', message: 'no lead named', line: 5, column: 3,
        findings: [{ ...note('no lead named', 5), status: 'fail', id: 'missing' }], evidence: [], commendations: [],
        waiver: { reason: 'Post being filled', approved_by: 'A. Commissioner', expires: '2026-12-31', lapsed: false },
      },
    ],
    failed_in: ['2026-Q3'],
    streak: { since: '2026-Q3', until: '2026-Q3', quarters: 1, unjudged: [] },
  }],
  persistent: [],
  recurring: [],
  waivers: [{ provider: 'brook-lane', rule: 'lead-named', reason: 'Post being filled', approved_by: 'A. Commissioner', expires: '2026-12-31', state: 'applied', days_left: 60, expiring: true, used_in: ['2026-Q3'] }],
  period_labels: { '2026-Q1': '2026-Q1', '2026-Q2': '2026-Q2', '2026-Q3': '2026-Q3' },
};

const EXTENSION = { markdown: 'md', html: 'html', json: 'json', table: 'txt' } as const;

describe.each(REVIEW_FORMAT_NAMES)('the %s review format', (format) => {
  it('gives its exact text for a small dossier', async () => {
    const render = await reviewFormats[format]();
    const before = structuredClone(SMALL);
    const text = render(SMALL, { color: 0, width: 100 });
    expect(SMALL).toEqual(before);
    await expect(text).toMatchFileSnapshot(`expected/small.${EXTENSION[format]}`);
    expect(text).not.toMatch(/\u001b/);
  });
});

it('colours the table only when asked', async () => {
  expect((await reviewFormats.table())(SMALL, { color: 1, width: 100 })).toMatch(/\u001b\[/);
});

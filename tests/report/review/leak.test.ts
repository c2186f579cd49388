// A dossier says nothing about any other provider (commissioning.md, "The contract review"): run over a folder
// holding another provider's returns, register entry and waiver, and over a register naming a third.
import { describe, expect, it } from 'vitest';
import { REVIEW_FORMAT_NAMES } from '../../../src/report/review/index.ts';
import { review } from './review-cli.ts';

// Everything fixtures/review holds of Hillside Outreach and Meadow Family Service: ids, names, contracts, sites,
// people, the waiver's reason and approver.
const OTHERS = [
  'hillside', 'Hillside Outreach Team', 'NCDP-OUT-2026', 'Hillside drop-in', 'Dana Fitch', 'Sam Verity',
  'shared with the housing team', 'K. Lyle', 'meadow', 'Meadow Family Service', 'NCDP-FAM-2026',
];

describe.each(REVIEW_FORMAT_NAMES)('the %s dossier of one provider', (format) => {
  it('holds nothing of another provider', async () => {
    for (const range of [[], ['--from', '2025-Q3', '--to', '2026-Q4']]) {
      const r = await review('riverside-recovery', '--format', format, ...range);
      expect(r.status).toBe(0);
      for (const other of OTHERS) expect(r.stdout.toLowerCase(), other).not.toContain(other.toLowerCase());
      // The check can fail: the provider's own words are there.
      expect(r.stdout).toContain('Charter frames for the new group room on back order');
    }
  });

  it('and the other way round', async () => {
    const r = await review('hillside-outreach', '--format', format);
    for (const own of ['riverside', 'NCDP-COM-2025', 'Charter frames', 'Involvement coordinator post', 'Finance system change', 'J. Moss', 'meadow']) {
      expect(r.stdout.toLowerCase(), own).not.toContain(own.toLowerCase());
    }
    expect(r.stdout).toContain('shared with the housing team');
  });
});

import { describe, expect, it } from 'vitest';
import { londonDate, parseQuarter, showDay, toDay, windowStart } from '../../src/evaluate/calendar.ts';

describe('calendar days', () => {
  it('gives each quarter its first and last day', () => {
    expect([1, 2, 3, 4].map((q) => parseQuarter(`2026-Q${q}`)).map((q) => [showDay(q!.first), showDay(q!.last)])).toEqual([
      ['2026-01-01', '2026-03-31'],
      ['2026-04-01', '2026-06-30'],
      ['2026-07-01', '2026-09-30'],
      ['2026-10-01', '2026-12-31'],
    ]);
    expect(parseQuarter('2026-Q5')).toBeUndefined();
  });

  it('starts a window of calendar months ending with the period', () => {
    const q3 = parseQuarter('2026-Q3')!;
    expect(showDay(windowStart(q3.last, 12))).toBe('2025-10-01');
    expect(showDay(windowStart(q3.last, 3))).toBe('2026-07-01');
    expect(showDay(windowStart(q3.last, 6))).toBe('2026-04-01');
    expect(showDay(windowStart(parseQuarter('2026-Q1')!.last, 12))).toBe('2025-04-01');
  });

  it('does not move a date in any time zone (a British summer turns local midnight into the day before)', () => {
    // The arithmetic is UTC-only, so the zone the process runs in cannot matter; prove it for the zones that break naive code.
    for (const zone of ['Europe/London', 'America/Los_Angeles', 'Pacific/Kiritimati', 'UTC']) {
      process.env.TZ = zone;
      expect(showDay(toDay('2026-07-01'))).toBe('2026-07-01');
      expect(toDay('2026-03-29') + 1).toBe(toDay('2026-03-30')); // the day the clocks go forward
      expect(toDay('2026-10-25') + 1).toBe(toDay('2026-10-26')); // and back
    }
    delete process.env.TZ;
  });

  it('counts leap days', () => {
    expect(toDay('2028-03-01') - toDay('2028-02-28')).toBe(2);
    expect(toDay('2026-03-01') - toDay('2026-02-28')).toBe(1);
  });

  it("gives today's date in London whatever the process's own zone, in summer time and out of it", () => {
    const before = process.env.TZ;
    try {
      for (const zone of ['America/Los_Angeles', 'Pacific/Kiritimati', 'UTC']) {
        process.env.TZ = zone;
        expect(londonDate(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01'); // 00:30 British Summer Time
        expect(londonDate(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31'); // 23:30 Greenwich Mean Time
        expect(londonDate(new Date('2026-03-29T00:59:00Z'))).toBe('2026-03-29'); // a minute before the clocks go forward
      }
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });
});

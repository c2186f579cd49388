import { describe, expect, it } from 'vitest';
import { quartersFrom } from '../../src/evaluate/calendar.ts';
import { currentStreak, markOf, type QuarterMark } from '../../src/report/streaks.ts';

const F: QuarterMark = 'failing';
const P: QuarterMark = 'not-failing';
const U: QuarterMark = 'unjudged';

describe('quartersFrom', () => {
  it('counts across a year boundary, both ends included', () => {
    expect(quartersFrom('2025-Q3', '2026-Q2')).toEqual(['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2']);
    expect(quartersFrom('2026-Q2', '2026-Q2')).toEqual(['2026-Q2']);
    expect(quartersFrom('2026-Q3', '2026-Q2')).toEqual([]);
  });
});

describe('markOf', () => {
  it('takes a waived result as failing and an aspirational one not met as not failing', () => {
    expect(['fail', 'warn', 'waived', 'pass', 'info', 'skip', undefined].map((s) => markOf(s as never))).toEqual([F, F, F, P, P, U, U]);
  });
});

describe('currentStreak', () => {
  const year = quartersFrom('2025-Q3', '2026-Q2');

  it('counts back from the latest quarter across a year boundary', () => {
    expect(currentStreak(year, [P, F, F, F])).toEqual({ since: '2025-Q4', until: '2026-Q2', quarters: 3, unjudged: [] });
  });

  it('is broken by a quarter that did not fail, and is none when the latest judged quarter did not fail', () => {
    expect(currentStreak(year, [F, P, F, F])?.since).toBe('2026-Q1');
    expect(currentStreak(year, [F, F, F, P])).toBeUndefined();
  });

  it('passes over a quarter with no result, counting it in the span and naming it', () => {
    expect(currentStreak(year, [F, U, F, F])).toEqual({ since: '2025-Q3', until: '2026-Q2', quarters: 4, unjudged: ['2025-Q4'] });
  });

  it('neither starts nor ends on a quarter with no result', () => {
    expect(currentStreak(year, [U, F, F, U])).toEqual({ since: '2025-Q4', until: '2026-Q1', quarters: 2, unjudged: [] });
    expect(currentStreak(year, [U, U, U, U])).toBeUndefined();
  });
});

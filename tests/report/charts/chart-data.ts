// Test data for the charts: a hostile name, and a seeded mix of statuses for as many providers and quarters as asked.
import type { ProviderStrip, QuarterCounts } from '../../../src/report/charts/index.ts';

export const HOSTILE = `<script>alert('x')</script> & "Q1"`;

const STATUSES = ['green', 'amber', 'red', 'invalid', 'missing', null] as const;

/** Quarters from 2025-Q2, labelled by the financial year from April ("Q1 2025/26"). */
export function financialQuarters(count: number): { period: string; label: string }[] {
  return Array.from({ length: count }, (_, i) => {
    const year = 2025 + Math.floor((i + 1) / 4);
    const start = 2025 + Math.floor(i / 4);
    return { period: `${year}-Q${((i + 1) % 4) + 1}`, label: `Q${(i % 4) + 1} ${start}/${String(start + 1).slice(2)}` };
  });
}

export function bigStrips(providers: number, quarterCount: number): ProviderStrip[] {
  let seed = 12;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  return Array.from({ length: providers }, (_, p) => ({
    provider: `provider-${String(p).padStart(4, '0')}`,
    name: `Recovery Service ${p}`,
    cells: financialQuarters(quarterCount).map((q) => ({ ...q, status: STATUSES[Math.floor(next() * STATUSES.length)]! })),
  }));
}

/** The RAG counts of those strips, quarter by quarter. */
export function countsOf(strips: ProviderStrip[], quarterCount: number): QuarterCounts[] {
  return financialQuarters(quarterCount).map((q) => {
    const counts: QuarterCounts = { ...q, green: 0, amber: 0, red: 0, invalid: 0, missing: 0 };
    for (const s of strips) for (const c of s.cells) if (c.period === q.period && c.status) counts[c.status]++;
    return counts;
  });
}

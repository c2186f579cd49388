// Tests for validate/schema-walk.ts: the known keys and formats at a path, and every date in the evidence.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { evidenceSchema } from '../../src/validate/evidence-schema.ts';
import { forEachDate, formatAt, knownKeysAt, objectSchemasAt } from '../../src/validate/schema-walk.ts';

describe('knownKeysAt', () => {
  it('lists the top-level fields', () => {
    expect(knownKeysAt(evidenceSchema, [])).toEqual(expect.arrayContaining(['format', 'provider', 'period', 'submitted', 'involvement_lead', 'ladder']));
  });

  it('walks into lists and optional sections', () => {
    expect(knownKeysAt(evidenceSchema, ['surveys', 0])).toEqual(['title', 'kind', 'topics', 'from', 'to', 'respondents', 'includes_families', 'results_fed_back', 'evidence']);
    expect(knownKeysAt(evidenceSchema, ['charter', 'sites', 3])).toContain('rooms_displaying_charter');
    expect(knownKeysAt(evidenceSchema, ['care_planning', 'audit'])).toEqual([
      'date',
      'plans_sampled',
      'plans_written',
      'plans_with_all_elements',
      'plans_signed_by_service_user',
      'plans_reviewed_on_time',
      'family_involvement_appropriate',
      'plans_with_family_involvement',
      'evidence',
    ]);
  });

  it('finds the mapping branch of a union (an attachment may be a path or {path, sha256})', () => {
    expect(knownKeysAt(evidenceSchema, ['surveys', 0, 'evidence', 0])).toEqual(['path', 'sha256']);
  });

  it('knows no keys where there is no mapping', () => {
    expect(knownKeysAt(evidenceSchema, ['period'])).toEqual([]);
    expect(knownKeysAt(evidenceSchema, ['no_such_section'])).toEqual([]);
    expect(knownKeysAt(evidenceSchema, ['surveys', 'first'])).toEqual([]);
    expect(objectSchemasAt(evidenceSchema, ['ladder'])).toEqual([]);
  });
});

describe('formatAt', () => {
  it('names the format zod checks beyond the type', () => {
    expect(formatAt(evidenceSchema, ['submitted', 'on'])).toBe('date');
    expect(formatAt(evidenceSchema, ['surveys', 0, 'to'])).toBe('date');
    expect(formatAt(evidenceSchema, ['ladder', 2, 'rung'])).toBe('safeint');
    expect(formatAt(evidenceSchema, ['surveys', 0, 'respondents'])).toBe('safeint');
  });

  it('is undefined for plain text, numbers, unions and unknown paths', () => {
    expect(formatAt(evidenceSchema, ['provider', 'id'])).toBeUndefined();
    expect(formatAt(evidenceSchema, ['volunteer_expenses', 'claims', 0, 'claimed'])).toBeUndefined();
    expect(formatAt(evidenceSchema, ['surveys', 0, 'evidence', 0])).toBeUndefined();
    expect(formatAt(evidenceSchema, ['nowhere', 'at', 'all'])).toBeUndefined();
  });
});

describe('forEachDate', () => {
  it('visits every date with its path, in lists and nested sections, and skips absent ones', () => {
    const seen: [string, (string | number)[]][] = [];
    forEachDate(
      evidenceSchema,
      {
        submitted: { on: '2026-10-07', by: 'Sam' },
        involvement_lead: { name: 'Jo', since: '2025-04-01' },
        surveys: [{ from: '2026-08-01', to: '2026-08-31' }, { title: 'no dates' }],
        care_planning: { audit: { date: '2026-09-01' } },
        ladder: [{ rung: 1, date: '2026-07-01', evidence: ['2026-07-02.pdf'] }],
      },
      (date, path) => seen.push([date, path]),
    );
    expect(seen).toEqual([
      ['2026-10-07', ['submitted', 'on']],
      ['2025-04-01', ['involvement_lead', 'since']],
      ['2026-08-01', ['surveys', 0, 'from']],
      ['2026-08-31', ['surveys', 0, 'to']],
      ['2026-07-01', ['ladder', 0, 'date']],
      ['2026-09-01', ['care_planning', 'audit', 'date']],
    ]);
  });

  it('ignores values of the wrong shape rather than throwing', () => {
    const seen: string[] = [];
    forEachDate(z.strictObject({ a: z.array(z.iso.date()), b: z.iso.date() }), { a: 'not a list', b: 5 }, (d) => seen.push(d));
    forEachDate(evidenceSchema, null, (d) => seen.push(d));
    expect(seen).toEqual([]);
  });
});

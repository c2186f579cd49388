// Tests for validate/evidence-schema.ts: the types of evidence-format.md, "Types and what an invalid file is".
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { EXPENSE_CATEGORIES, SERVICE_TYPES, SURVEY_KINDS, evidenceSchema } from '../../src/validate/evidence-schema.ts';

const example = join(import.meta.dirname, '..', '..', 'fixtures', 'examples', '2026-Q3', 'smart-cjs.yaml');

const header = {
  format: 'involvement-evidence/1',
  provider: { id: 'smart-cjs', name: 'SMART Criminal Justice Service' },
  period: '2026-Q3',
  submitted: { on: '2026-10-07', by: 'Sam Patel' },
};
const accepts = (sections: Record<string, unknown>) => evidenceSchema.safeParse({ ...header, ...sections }).success;

describe('evidenceSchema', () => {
  it('accepts the example return as the core schema loads it', () => {
    const result = evidenceSchema.safeParse(parse(readFileSync(example, 'utf8'), { schema: 'core' }));
    expect(result.error?.issues).toBeUndefined();
  });

  it('accepts a header alone: every section is optional to the schema', () => {
    expect(accepts({})).toBe(true);
    expect(accepts({ $schema: 'https://example.org/evidence.schema.json' })).toBe(true);
  });

  it('accepts sections with every field left out (the rules say what is missing)', () => {
    expect(accepts({ involvement_lead: {}, charter: { sites: [{}] }, surveys: [{}], volunteer_expenses: { policy: {}, claims: [{}] } })).toBe(true);
  });

  it.each([
    ['format', { format: 'involvement-evidence/2' }],
    ['provider', { provider: undefined }],
    ['provider.id', { provider: { name: 'X' } }],
    ['provider.name', { provider: { id: 'x', name: '' } }],
    ['period', { period: undefined }],
    ['submitted.on', { submitted: { by: 'Sam' } }],
    ['submitted.by', { submitted: { on: '2026-10-07', by: '' } }],
  ])('refuses the header without a valid %s', (_field, patch) => {
    expect(evidenceSchema.safeParse({ ...header, ...patch }).success).toBe(false);
  });

  it.each(['smart-cjs', 'a', 'cgl-oxford-2', '2024'])('accepts provider id %j', (id) => {
    expect(evidenceSchema.safeParse({ ...header, provider: { id, name: 'X' } }).success).toBe(true);
  });

  it.each(['SMART-CJS', 'smart cjs', 'smart--cjs', '-smart', 'smart-', 'smart_cjs', ''])('refuses provider id %j', (id) => {
    expect(evidenceSchema.safeParse({ ...header, provider: { id, name: 'X' } }).success).toBe(false);
  });

  it.each([
    ['2026-Q1', true],
    ['2026-Q4', true],
    ['2026-Q5', false],
    ['2026-Q0', false],
    ['2026-q3', false],
    ['26-Q3', false],
    ['2026 Q3', false],
  ])('period %j → %s', (period, ok) => {
    expect(evidenceSchema.safeParse({ ...header, period }).success).toBe(ok);
  });

  it.each([1, 2, 3, 4, 5, 6, 7])('accepts rung %i', (rung) => {
    expect(accepts({ ladder: [{ rung }] })).toBe(true);
  });

  it.each([0, 8, -1, 4.5, '4', 'three', null, true, Number.NaN])('refuses rung %j', (rung) => {
    expect(accepts({ ladder: [{ rung }] })).toBe(false);
  });

  it.each([0, 1, 48, Number.MAX_SAFE_INTEGER])('accepts the count %j', (respondents) => {
    expect(accepts({ surveys: [{ respondents }] })).toBe(true);
  });

  it.each([-1, 1.5, '48', 2 ** 53, Number.POSITIVE_INFINITY, Number.NaN])('refuses the count %j', (respondents) => {
    expect(accepts({ surveys: [{ respondents }] })).toBe(false);
  });

  it.each([0, 6.8, 14.5, 14.55, 0.1 + 0.2, 1234567.89])('accepts the money %j', (claimed) => {
    expect(accepts({ volunteer_expenses: { claims: [{ claimed }] } })).toBe(true);
  });

  it.each([14.505, 0.001, -0.01, '14.50', Number.NaN, Number.POSITIVE_INFINITY])('refuses the money %j', (claimed) => {
    expect(accepts({ volunteer_expenses: { claims: [{ claimed }] } })).toBe(false);
  });

  it.each(['2026-07-01', '2024-02-29', '2000-02-29', '2026-12-31'])('accepts the date %s', (to) => {
    expect(accepts({ surveys: [{ to }] })).toBe(true);
  });

  it.each(['2026-02-30', '2026-02-29', '1900-02-29', '2026-09-31', '2026-13-01', '2026-00-10', '2026-7-1', '01/07/2026', '2026-07-01T00:00:00Z', ''])(
    'refuses the date %j',
    (to) => {
      expect(accepts({ surveys: [{ to }] })).toBe(false);
    },
  );

  it('refuses a date that is not text (a YAML 1.1 timestamp would arrive as a Date)', () => {
    expect(accepts({ surveys: [{ to: new Date('2026-07-01') }] })).toBe(false);
  });

  it('takes survey kinds and expense categories case-sensitively from their lists', () => {
    for (const kind of SURVEY_KINDS) expect(accepts({ surveys: [{ kind }] })).toBe(true);
    for (const category of EXPENSE_CATEGORIES) expect(accepts({ volunteer_expenses: { policy: { covers: [category] } } })).toBe(true);
    expect(accepts({ surveys: [{ kind: 'Satisfaction' }] })).toBe(false);
    expect(accepts({ surveys: [{ kind: 'survey' }] })).toBe(false);
    expect(accepts({ volunteer_expenses: { policy: { covers: ['Travel'] } } })).toBe(false);
  });

  it('takes a service type from its list, or none', () => {
    const withType = (service_type: unknown) => evidenceSchema.safeParse({ ...header, provider: { ...header.provider, service_type } }).success;
    for (const type of SERVICE_TYPES) expect(withType(type), type).toBe(true);
    expect(withType(undefined)).toBe(true);
    for (const type of ['Treatment', 'criminal justice', 'youth', '', 3]) expect(withType(type), String(type)).toBe(false);
  });

  it('takes an attachment as a path or as {path, sha256}', () => {
    expect(accepts({ surveys: [{ evidence: ['reports/q3.pdf', { path: 'a.pdf', sha256: 'a'.repeat(64) }] }] })).toBe(true);
    expect(accepts({ surveys: [{ evidence: [''] }] })).toBe(false);
    expect(accepts({ surveys: [{ evidence: [{ path: 'a.pdf', sha256: 'xyz' }] }] })).toBe(false);
    expect(accepts({ surveys: [{ evidence: 'reports/q3.pdf' }] })).toBe(false);
  });

  it('refuses unknown keys at every level (validate-evidence turns them into warnings)', () => {
    expect(accepts({ involvment_lead: {} })).toBe(false);
    expect(accepts({ surveys: [{ respondants: 4 }] })).toBe(false);
    expect(evidenceSchema.safeParse({ ...header, provider: { ...header.provider, extra: 1 } }).success).toBe(false);
  });
});

// Tests for validate/validate-evidence.ts: parsed YAML → typed Evidence, or every error at its own line and
// column; unknown keys are warnings that leave the file valid; no date may post-date the submission.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/load/read-yaml.ts';
import { validateEvidence, type ValidateOptions, type ValidateResult } from '../../src/validate/validate-evidence.ts';

const example = join(import.meta.dirname, '..', '..', 'fixtures', 'examples', '2026-Q3', 'smart-cjs.yaml');

const HEADER = `format: involvement-evidence/1
provider:
  id: smart-cjs
  name: SMART Criminal Justice Service
period: 2026-Q3
submitted:
  on: 2026-10-07
  by: Sam Patel, Service Manager
`; // 8 lines: a section below starts on line 9

function validate(source: string | Buffer, options: ValidateOptions = {}): ValidateResult {
  const read = parseYaml(typeof source === 'string' ? Buffer.from(source) : source, 'f.yaml');
  if (!read.ok) throw new Error(`did not load: ${JSON.stringify(read.errors)}`);
  const result = validateEvidence(read.data, read.positions, 'f.yaml', options);
  for (const d of [...(result.ok ? [] : result.errors), ...result.warnings]) expect(d.message).not.toMatch(/[\r\n]|undefined/);
  return result;
}

const brief = (list: { code: string; line: number; column: number; message: string }[]) => list.map(({ code, line, column, message }) => ({ code, line, column, message }));
const errorsOf = (result: ValidateResult) => {
  if (result.ok) expect.fail('expected the file to be invalid');
  return brief(result.errors);
};

describe('validateEvidence', () => {
  it('accepts the example return with no errors and no warnings', () => {
    const result = validate(readFileSync(example));
    expect(result).toMatchObject({ ok: true, warnings: [] });
    if (result.ok) {
      expect(result.evidence.provider.id).toBe('smart-cjs');
      expect(result.evidence.ladder).toHaveLength(6);
      expect(result.evidence.volunteer_expenses?.claims?.[0]?.claimed).toBe(14.5);
    }
  });

  it('accepts dates quoted and unquoted alike', () => {
    const result = validate(`${HEADER}surveys:\n  - from: "2026-08-01"\n    to: '2026-08-31'\n  - to: 2026-09-30\n`);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.evidence.surveys?.map((s) => s.to)).toEqual(['2026-08-31', '2026-09-30']);
  });

  it('reports each invalid value at its own line and column, in file order', () => {
    const result = validate(`${HEADER}ladder:\n  - rung: 9\n    date: 2026-06-31\n  - rung: three\nsurveys:\n  - respondents: -4\n`);
    expect(errorsOf(result)).toEqual([
      { code: 'invalid-value', line: 10, column: 11, message: '"rung" in ladder, item 1 must be at most 7, got 9' },
      { code: 'invalid-value', line: 11, column: 11, message: '"date" in ladder, item 1 must be a real calendar date written YYYY-MM-DD, got "2026-06-31"' },
      { code: 'invalid-value', line: 12, column: 11, message: '"rung" in ladder, item 2 must be a whole number, got "three" (text)' },
      { code: 'invalid-value', line: 14, column: 18, message: '"respondents" in surveys, item 1 must be at least 0, got -4' },
    ]);
  });

  it('reports a date after submitted.on at that date, for every dated field', () => {
    const result = validate(`${HEADER}involvement_lead:
  name: Jo Bloggs
  since: 2026-11-01
charter:
  logged_with_commissioner: "2026-10-08"
volunteer_expenses:
  claims:
    - date: 2026-09-30
      paid_on: 2027-01-02
care_planning:
  audit:
    date: 2026-10-07
`);
    expect(errorsOf(result)).toEqual([
      { code: 'date-after-submission', line: 11, column: 10, message: '"involvement_lead.since" is 2026-11-01, after the return was submitted (submitted.on 2026-10-07); evidence cannot post-date its submission' },
      { code: 'date-after-submission', line: 13, column: 29, message: '"charter.logged_with_commissioner" is 2026-10-08, after the return was submitted (submitted.on 2026-10-07); evidence cannot post-date its submission' },
      { code: 'date-after-submission', line: 17, column: 16, message: '"paid_on" in volunteer_expenses.claims, item 1 is 2027-01-02, after the return was submitted (submitted.on 2026-10-07); evidence cannot post-date its submission' },
    ]);
  });

  it('accepts a date on the day of submission', () => {
    expect(validate(`${HEADER}ladder:\n  - rung: 1\n    date: 2026-10-07\n`).ok).toBe(true);
  });

  it('refuses a return submitted after the audit date it is given, at submitted.on, and takes one submitted that day', () => {
    expect(errorsOf(validate(HEADER, { today: '2026-10-06' }))).toEqual([
      {
        code: 'submitted-after-today',
        line: 7,
        column: 7,
        message: '"submitted.on" is 2026-10-07, after today (2026-10-06): a return cannot be submitted in the future; give the day it was signed off',
      },
    ]);
    expect(validate(HEADER, { today: '2026-10-07' }).ok).toBe(true);
    // Without an audit date (a pack's own tests), there is no today to be after.
    expect(validate(HEADER).ok).toBe(true);
  });

  it('checks type errors before dates: a file with both reports the type errors', () => {
    const result = validate(`${HEADER}ladder:\n  - rung: 8\n    date: 2027-01-01\n`);
    expect(errorsOf(result).map((e) => e.code)).toEqual(['invalid-value']);
  });

  it('warns about unknown keys at every level, at their own line and column, and still validates', () => {
    const result = validate(`${HEADER}involvment_lead:
  name: Jo
charter:
  sites:
    - site: Hub
      roms_used_by_service_users: 3
surveys:
  - kind: satisfaction
    respondants: 12
    evidence:
      - path: reports/q3.pdf
        sha265: abc
`);
    expect(result.ok).toBe(true);
    expect(brief(result.warnings)).toEqual([
      { code: 'unknown-key', line: 9, column: 1, message: 'unknown field "involvment_lead"; did you mean "involvement_lead"?' },
      { code: 'unknown-key', line: 14, column: 7, message: 'unknown field "roms_used_by_service_users" in charter.sites, item 1 ("Hub"); did you mean "rooms_used_by_service_users"?' },
      { code: 'unknown-key', line: 17, column: 5, message: 'unknown field "respondants" in surveys, item 1; did you mean "respondents"?' },
      { code: 'unknown-key', line: 20, column: 9, message: 'unknown field "sha265" in surveys, item 1, evidence, item 1; did you mean "sha256"?' },
    ]);
    if (result.ok) {
      expect(result.evidence).not.toHaveProperty('involvment_lead');
      expect(result.evidence.surveys?.[0]).toEqual({ kind: 'satisfaction', evidence: [{ path: 'reports/q3.pdf' }] });
    }
  });

  it('returns unknown-key warnings beside the errors of an invalid file', () => {
    const result = validate(`${HEADER}ladder:\n  - rung: 0\n    colour: red\n`);
    expect(result.ok).toBe(false);
    expect(brief(result.warnings)).toEqual([{ code: 'unknown-key', line: 11, column: 5, message: 'unknown field "colour" in ladder, item 1; it is ignored' }]);
    expect(errorsOf(result)).toEqual([{ code: 'invalid-value', line: 10, column: 11, message: '"rung" in ladder, item 1 must be at least 1, got 0' }]);
  });

  it('treats __proto__ as an unknown key and leaves every prototype alone', () => {
    const result = validate(`${HEADER}__proto__:\n  polluted: true\nprovider_extra:\n  constructor:\n    prototype:\n      polluted: true\n`);
    expect(result.ok).toBe(true);
    expect(brief(result.warnings).map((w) => [w.line, w.message])).toEqual([
      [9, 'unknown field "__proto__"; it is ignored'],
      [11, 'unknown field "provider_extra"; it is ignored'],
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    if (result.ok) expect(Object.getPrototypeOf(result.evidence)).toBe(Object.prototype);
  });

  it('reports a missing header field at the nearest section, or the top of the file', () => {
    expect(errorsOf(validate(HEADER.replace('  id: smart-cjs\n', '')))).toEqual([
      { code: 'missing-field', line: 2, column: 1, message: '"provider.id" is missing; expected text' },
    ]);
    expect(errorsOf(validate(HEADER.replace('period: 2026-Q3\n', '')))).toEqual([
      { code: 'missing-field', line: 1, column: 1, message: '"period" is missing; expected text' },
    ]);
  });

  it('keeps an empty header value an error, and reads an empty value inside a section as left out', () => {
    expect(errorsOf(validate(HEADER.replace('  by: Sam Patel, Service Manager', '  by:')))).toEqual([
      { code: 'invalid-value', line: 8, column: 6, message: '"submitted.by" must be text, got null (empty)' },
    ]);
    const result = validate(`${HEADER}involvement_lead:\n  name:\n  role: Coordinator\nsurveys:\n`);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.evidence.involvement_lead).toEqual({ role: 'Coordinator' });
  });
});

// Tests for validate/zod-issues.ts: each zod issue → one plain-words line that quotes the path, says what
// was expected and what was got, at the position of the offending value (or key, for an unknown key).
import { describe, expect, it } from 'vitest';
import type { KeyPath, PositionIndex } from '../../src/load/positions.ts';
import { evidenceSchema } from '../../src/validate/evidence-schema.ts';
import { issueToDiagnostics, showValue } from '../../src/validate/zod-issues.ts';

const header = {
  format: 'involvement-evidence/1',
  provider: { id: 'smart-cjs', name: 'SMART' },
  period: '2026-Q3',
  submitted: { on: '2026-10-07', by: 'Sam Patel' },
};

/** A position index that remembers what it was asked for. */
function recorder() {
  const asked: { path: KeyPath; target: string | undefined }[] = [];
  const positions: PositionIndex = {
    locate(path, target) {
      asked.push({ path, target });
      return { line: 7, column: 3 };
    },
  };
  return { asked, positions };
}

function diagnose(data: Record<string, unknown>) {
  const { asked, positions } = recorder();
  const root = { ...header, ...data };
  const parsed = evidenceSchema.safeParse(root, { reportInput: true });
  if (parsed.success) throw new Error('expected the data to be refused');
  const diagnostics = parsed.error.issues.flatMap((issue) => issueToDiagnostics(issue, evidenceSchema, positions, 'f.yaml', root));
  for (const d of diagnostics) {
    expect(d.message).not.toMatch(/[\r\n]|undefined|Invalid input|\[object/);
    expect(d).toMatchObject({ file: 'f.yaml', line: 7, column: 3 });
  }
  return { diagnostics, asked };
}

const only = (data: Record<string, unknown>) => {
  const { diagnostics } = diagnose(data);
  expect(diagnostics).toHaveLength(1);
  return diagnostics[0]!;
};

describe('showValue', () => {
  it('quotes text, names collections, shortens long text', () => {
    expect(showValue('4')).toBe('"4"');
    expect(showValue('x'.repeat(50))).toBe(`"${'x'.repeat(40)}…"`);
    expect(showValue(null)).toBe('null (empty)');
    expect(showValue([1])).toBe('a list');
    expect(showValue({ a: 1 })).toBe('a mapping');
    expect(showValue(4.5)).toBe('4.5');
    expect(showValue(false)).toBe('false');
  });
});

describe('issueToDiagnostics', () => {
  it('wrong type: what was expected and what was got, at the value', () => {
    const { diagnostics, asked } = diagnose({ ladder: [{ rung: '4' }] });
    expect(diagnostics).toEqual([{ code: 'invalid-value', severity: 'error', message: '"rung" in ladder, item 1 must be a whole number, got "4" (text)', file: 'f.yaml', line: 7, column: 3, path: ['ladder', 0, 'rung'] }]);
    expect(asked).toEqual([{ path: ['ladder', 0, 'rung'], target: 'value' }]);
  });

  it.each([
    [{ ladder: [{ rung: 4.5 }] }, '"rung" in ladder, item 1 must be a whole number, got 4.5 (a number)'],
    [{ surveys: [{ to: 20260831 }] }, '"to" in surveys, item 1 must be a calendar date written YYYY-MM-DD, got 20260831 (a whole number)'],
    [{ surveys: [{ to: null }] }, '"to" in surveys, item 1 must be a calendar date written YYYY-MM-DD, got null (empty)'],
    [{ surveys: { kind: 'satisfaction' } }, '"surveys" must be a list, got a mapping'],
    [{ charter: ['a'] }, '"charter" must be a mapping of fields, got a list'],
    [{ charter: { explained_at_care_planning: 'yes' } }, '"charter.explained_at_care_planning" must be true or false, got "yes" (text)'],
    [{ volunteer_expenses: { claims: [{ claimed: '14.50' }] } }, '"claimed" in volunteer_expenses.claims, item 1 must be a number, got "14.50" (text)'],
    [{ volunteer_expenses: { claims: [{ claimed: Number.POSITIVE_INFINITY }] } }, '"claimed" in volunteer_expenses.claims, item 1 must be a number, got Infinity (not a finite number)'],
    [{ involvement_lead: { name: 42 } }, '"involvement_lead.name" must be text, got 42 (a whole number)'],
    [{ provider: { id: 'smart-cjs', name: true } }, '"provider.name" must be text, got true (true/false)'],
  ])('wrong type %j', (data, message) => {
    expect(only(data)).toMatchObject({ code: 'invalid-value', message });
  });

  it('names the item a value is in by its title, site or activity, counted from 1', () => {
    expect(only({ surveys: [{ title: 'Spring survey' }, { title: 'Quarterly satisfaction survey', to: '2026-09-31' }] }).message).toBe(
      '"to" in surveys, item 2 ("Quarterly satisfaction survey") must be a real calendar date written YYYY-MM-DD, got "2026-09-31"',
    );
    expect(only({ charter: { sites: [{ site: 'Oxford hub', evidence: [7] }] } }).message).toBe(
      'charter.sites, item 1 ("Oxford hub"), evidence, item 1 must be a path relative to this file, or a mapping with path and sha256, got 7',
    );
    expect(only({ volunteer_expenses: { claims: [{ volunteer: 'V-014', claimed: -1 }] } }).message).toBe(
      '"claimed" in volunteer_expenses.claims, item 1 ("V-014") must be at least 0, got -1',
    );
    expect(only({ ladder: [{ activity: 'Forum', rung: 1, colour: 'red' }] }).message).toBe('unknown field "colour" in ladder, item 1 ("Forum"); it is ignored');
  });

  it('missing required field: missing-field, at the nearest thing that exists', () => {
    const { diagnostics, asked } = diagnose({ submitted: { by: 'Sam' } });
    expect(diagnostics).toMatchObject([{ code: 'missing-field', message: '"submitted.on" is missing; expected a calendar date written YYYY-MM-DD' }]);
    expect(asked).toEqual([{ path: ['submitted', 'on'], target: 'value' }]);
    expect(only({ provider: { name: 'X' } }).message).toBe('"provider.id" is missing; expected text');
    expect(only({ provider: { id: 'x' } }).message).toBe('"provider.name" is missing; expected text');
  });

  it.each([
    [{ ladder: [{ rung: 8 }] }, '"rung" in ladder, item 1 must be at most 7, got 8'],
    [{ ladder: [{ rung: 0 }] }, '"rung" in ladder, item 1 must be at least 1, got 0'],
    [{ surveys: [{ respondents: -1 }] }, '"respondents" in surveys, item 1 must be at least 0, got -1'],
    [{ provider: { id: 'x', name: '' } }, '"provider.name" must not be empty'],
    [{ period: '2026-Q5' }, '"period" must be a calendar quarter such as 2026-Q3, got "2026-Q5"'],
    [{ surveys: [{ to: '2026-09-31' }] }, '"to" in surveys, item 1 must be a real calendar date written YYYY-MM-DD, got "2026-09-31"'],
    [{ volunteer_expenses: { claims: [{ reimbursed: 1.005 }] } }, '"reimbursed" in volunteer_expenses.claims, item 1: money has at most two decimals (pence), got 1.005'],
    [{ surveys: [{ evidence: [5] }] }, 'surveys, item 1, evidence, item 1 must be a path relative to this file, or a mapping with path and sha256, got 5'],
  ])('out of range or format %j', (data, message) => {
    expect(only(data)).toMatchObject({ code: 'invalid-value', message });
  });

  it('a value not in a list: the list, and "did you mean" for a near miss', () => {
    expect(only({ surveys: [{ kind: 'Focus-Group' }] }).message).toBe(
      '"kind" in surveys, item 1 must be one of satisfaction, consultation, family, focus-group, feedback-box, interview-panel, other, got "Focus-Group"; did you mean "focus-group"?',
    );
    expect(only({ volunteer_expenses: { policy: { covers: ['taxi'] } } }).message).toBe(
      'volunteer_expenses.policy.covers, item 1 must be one of travel, lunch, childcare, phone, other, got "taxi"',
    );
    expect(only({ format: 'involvement-evidence/1.0' }).message).toBe(
      '"format" must be exactly "involvement-evidence/1", got "involvement-evidence/1.0"; did you mean "involvement-evidence/1"?',
    );
    expect(only({ format: 3 }).message).toBe('"format" must be exactly "involvement-evidence/1", got 3');
  });

  it('unknown keys: one warning each, at the key, with "did you mean" or "it is ignored"', () => {
    const { diagnostics, asked } = diagnose({ involvment_lead: {}, colour: 'red', surveys: [{ respondants: 3 }] });
    expect(diagnostics.map(({ code, severity, message }) => ({ code, severity, message }))).toEqual([
      { code: 'unknown-key', severity: 'warning', message: 'unknown field "respondants" in surveys, item 1; did you mean "respondents"?' },
      { code: 'unknown-key', severity: 'warning', message: 'unknown field "involvment_lead"; did you mean "involvement_lead"?' },
      { code: 'unknown-key', severity: 'warning', message: 'unknown field "colour"; it is ignored' },
    ]);
    expect(asked).toEqual([
      { path: ['surveys', 0, 'respondants'], target: 'key' },
      { path: ['involvment_lead'], target: 'key' },
      { path: ['colour'], target: 'key' },
    ]);
  });

  it('an unknown key inside an attachment mapping is a warning like any other', () => {
    expect(only({ surveys: [{ evidence: [{ path: 'a.pdf', sha265: 'x' }] }] })).toMatchObject({
      code: 'unknown-key',
      severity: 'warning',
      message: 'unknown field "sha265" in surveys, item 1, evidence, item 1; did you mean "sha256"?',
    });
  });
});

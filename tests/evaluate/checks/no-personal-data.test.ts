// Tests for the `no-personal-data` check kind: each kind of personal data it finds, where a phone number is allowed,
// and that a finding names the field and the kind, never the value.
import { describe, expect, it } from 'vitest';
import { notes, runCheck } from './run-check.ts';

const STAFF = ['involvement_lead.contact'];
const REFERENCES = ['volunteer_expenses.claims.volunteer'];
const scan = (sections: Record<string, unknown>, phoneAllowedIn = STAFF, references = REFERENCES) =>
  runCheck('no-personal-data', { phone_allowed_in: phoneAllowedIn, references }, sections);
const claims = (...volunteers: string[]) => ({ volunteer_expenses: { claims: volunteers.map((volunteer) => ({ volunteer, activity: 'Panel' })) } });
const kindsIn = (activity: string) => scan({ ladder: [{ rung: 1, activity }] }).findings.map((f) => f.data.kind);

describe('no-personal-data', () => {
  it('finds an NHS number that passes its check digit, spaced or not, naming the field and the kind', () => {
    const r = scan({ surveys: [{ title: 'Call with client 943 476 5919' }] });
    expect(r.status).toBe('fail');
    expect(notes(r.findings)).toEqual([{ status: 'fail', id: 'found', data: { field: '"title" in surveys, item 1', kind: 'an NHS number' } }]);
    expect(r.findings[0]!.path).toEqual(['surveys', 0, 'title']);
    expect(kindsIn('Peer support for 4010232137')).toEqual(['an NHS number']);
    // Ten digits whose check digit fails are not an NHS number.
    expect(kindsIn('Order 4010232138 received')).toEqual([]);
  });

  it('finds a phone number outside the staff contact fields, and allows one inside them', () => {
    expect(kindsIn('Forum rep (call on 07700 900123) attended')).toEqual(['a phone number']);
    expect(scan({ involvement_lead: { contact: '07700 900123' } }).status).toBe('pass');
    expect(scan({ involvement_lead: { contact: '07700 900123' } }, []).findings.map((f) => f.data)).toEqual([{ field: '"involvement_lead.contact"', kind: 'a phone number' }]);
  });

  it('finds a date of birth however it is written', () => {
    expect(kindsIn('V-014 (DOB 12/03/1985)')).toEqual(['a date of birth']);
    expect(kindsIn('panel member, born 4 May 1990')).toEqual(['a date of birth']);
    expect(kindsIn('date of birth on file')).toEqual(['a date of birth']);
    expect(kindsIn('born in 1990')).toEqual(['a date of birth']);
  });

  it("finds a postcode next to a person's name, not a site's postcode", () => {
    expect(kindsIn('Leaflets posted to Mr Hughes at NG7 2UH')).toEqual(['a postcode next to a name']);
    expect(kindsIn('Oxford Recovery Hub, OX1 2AB')).toEqual([]);
  });

  it('looks in keys too, reporting at the mapping that holds them', () => {
    const r = scan({ ladder: [{ rung: 1, 'Mr Hughes NG7 2UH': 'x' }] });
    expect(r.findings.map((f) => [f.data.field, f.path])).toEqual([['ladder, item 1', ['ladder', 0]]]);
  });

  it('takes anything but a reference, where one belongs, for a name, and names only the field', () => {
    const r = scan(claims('V-014', 'Dave Hughes', 'DH', 'TBC', 'V 014', 'v14', '0042', ' V-015 '));
    expect(notes(r.findings)).toEqual(
      [1, 2, 3, 4].map((i) => ({ status: 'fail', id: 'not-reference', data: { field: `"volunteer" in volunteer_expenses.claims, item ${i + 1}` } })),
    );
    expect(r.findings[0]!.path).toEqual(['volunteer_expenses', 'claims', 1, 'volunteer']);
    expect(JSON.stringify(r.findings)).not.toMatch(/Dave|Hughes|"DH"|TBC/);
  });

  it('looks for a reference only in the fields named, and finds the other kinds there too', () => {
    expect(scan(claims('Dave Hughes'), STAFF, []).status).toBe('pass');
    expect(scan({ surveys: [{ title: 'Dave Hughes' }] }).status).toBe('pass');
    const r = scan(claims('V-014 DOB 12/03/1985'));
    expect(r.findings.map((f) => f.id)).toEqual(['not-reference', 'found']);
  });

  it('never gives the value it found to the message', () => {
    const r = scan({ ladder: [{ rung: 1, activity: 'Call 943 476 5919' }] });
    expect(JSON.stringify([r.findings, r.satisfied])).not.toContain('5919');
  });

  it('passes when it finds nothing', () => {
    const r = scan({ ladder: [{ rung: 1, activity: 'Newsletter', date: '2026-07-03' }] });
    expect(r.status).toBe('pass');
    expect(notes(r.satisfied)).toEqual([{ status: 'pass', id: 'pass', data: {} }]);
  });
});

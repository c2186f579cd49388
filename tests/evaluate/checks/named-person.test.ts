// Tests for the `named-person` check kind: placeholders, the details required, a contact's form, in post by the
// quarter's end (and `in_post_by_period_end: false`), and what each message is given.
import { describe, expect, it } from 'vitest';
import { isContact, isPlaceholder } from '../../../src/evaluate/checks/named-person.ts';
import { notes, runCheck } from './run-check.ts';

const PLACEHOLDERS = ['tbc', 'to be confirmed', 'n/a', 'vacant'];
const lead = (person: Record<string, unknown> | undefined, check: Record<string, unknown> = {}) =>
  runCheck('named-person', { section: 'involvement_lead', placeholders: PLACEHOLDERS, require: ['role', 'contact'], ...check }, person === undefined ? {} : { involvement_lead: person });
const JO = { name: 'Jo Bloggs', role: 'Involvement Coordinator', contact: 'jo@example.org', since: '2025-01-06' };
const GIVEN = { section: 'involvement_lead', period_end: '2026-09-30' };

describe('named-person', () => {
  it('passes a real person with the details required, at the name', () => {
    const r = lead(JO);
    expect(r.status).toBe('pass');
    expect(notes(r.satisfied)).toEqual([{ status: 'pass', id: 'pass', data: GIVEN }]);
    expect(r.satisfied[0]!.path).toEqual(['involvement_lead', 'name']);
  });

  it('fails with missing when the section is absent, at the section', () => {
    const r = runCheck('named-person', { section: 'complaints.lead', placeholders: [] }, { complaints: {} });
    expect(notes(r.findings)).toEqual([{ status: 'fail', id: 'missing', data: { section: 'complaints.lead' } }]);
    expect(r.findings[0]!.path).toEqual(['complaints', 'lead']);
  });

  it('fails a placeholder, giving the name as written', () => {
    for (const name of ['TBC', ' To Be Confirmed ', 'N/A', '', '   ', '-', '???']) {
      const r = lead({ ...JO, name });
      expect(notes(r.findings), JSON.stringify(name)).toEqual([{ status: 'fail', id: 'placeholder', data: { ...GIVEN, name } }]);
      expect(r.findings[0]!.path).toEqual(['involvement_lead', 'name']);
    }
  });

  it('takes a name that merely contains a hyphen or an apostrophe for a name', () => {
    expect(isPlaceholder("Mary-Jane O'Neil", PLACEHOLDERS)).toBe(false);
    expect(isPlaceholder('Tbcanto', PLACEHOLDERS)).toBe(false);
  });

  it('fails each detail required and missing, blank counting as missing', () => {
    const r = lead({ role: '  ', contact: '' });
    expect(notes(r.findings)).toEqual([
      { status: 'fail', id: 'missing-field', data: { ...GIVEN, field: 'name' } },
      { status: 'fail', id: 'missing-field', data: { ...GIVEN, field: 'role' } },
      { status: 'fail', id: 'missing-field', data: { ...GIVEN, field: 'contact' } },
    ]);
    expect(lead({ name: 'Jo Bloggs' }, { require: [] }).status).toBe('pass');
  });

  it('fails a contact that is neither an email address nor a UK phone number, giving it', () => {
    const r = lead({ ...JO, contact: 'ask at reception' });
    expect(notes(r.findings)).toEqual([{ status: 'fail', id: 'bad-contact', data: { ...GIVEN, contact: 'ask at reception' } }]);
    expect(r.findings[0]!.path).toEqual(['involvement_lead', 'contact']);
    for (const contact of ['01865 123456', '+44 1865 123456', '+44 (0)1865 123456', '07700-900-123', 'a.b@c.org.uk']) expect(isContact(contact), contact).toBe(true);
    for (const contact of ['+33 1 23 45 67 89', '123', 'jo@', 'jo at example.org']) expect(isContact(contact), contact).toBe(false);
    // Judged only when the contact is required.
    expect(lead({ ...JO, contact: 'ask at reception' }, { require: ['role'] }).status).toBe('pass');
  });

  it('fails a person not in post by the quarter\'s last day; the last day itself passes', () => {
    expect(lead({ ...JO, since: '2026-09-30' }).status).toBe('pass');
    const r = lead({ ...JO, since: '2026-10-01' });
    expect(notes(r.findings)).toEqual([{ status: 'fail', id: 'not-in-post', data: { ...GIVEN, since: '2026-10-01' } }]);
    expect(r.findings[0]!.path).toEqual(['involvement_lead', 'since']);
  });

  it('with in_post_by_period_end: false, does not ask when the person started', () => {
    expect(lead({ ...JO, since: '2026-10-01' }, { in_post_by_period_end: false }).status).toBe('pass');
  });

  it("lets its messages name the person's fields", () => {
    const r = runCheck('named-person', { section: 'involvement_lead', placeholders: [] }, { involvement_lead: JO }, { messages: { pass: '{{name}}, {{role}}' } });
    expect(r.satisfied[0]).toMatchObject({ message: 'Jo Bloggs, Involvement Coordinator', data: { name: 'Jo Bloggs', role: 'Involvement Coordinator', ...GIVEN } });
  });
});

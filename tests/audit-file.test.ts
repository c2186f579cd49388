// Tests for audit-file.ts over fixtures/invalid/: one broken thing per file, named for the break. Each must
// come out `invalid` with the right code at the exact line and column, or (for the few that only warn) be
// audited with the right warning. The message is one plain line a provider can act on.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditFile } from '../src/audit-file.ts';
import type { DiagnosticCode } from '../src/diagnostic.ts';
import { compilePack, type CompiledPack } from '../src/packs/compile-pack.ts';
import { loadPack } from '../src/packs/load-pack.ts';
import type { FileReport } from '../src/report/model.ts';

const repo = join(import.meta.dirname, '..');
const folder = join(repo, 'fixtures', 'invalid');

interface Expected {
  /** `invalid`, or `audited` for a file that loads with (at most) warnings. */
  status: 'invalid' | 'audited';
  code?: DiagnosticCode;
  line?: number;
  column?: number;
  /** The whole first message, or a fragment of it. */
  message?: string | RegExp;
  /** How many errors (or warnings) in all, when more than one. */
  count?: number;
}

const anchor = (name: string) => `YAML anchors (&${name}) are not allowed in evidence; remove it`;

const expected: Record<string, Expected> = {
  // The slips people make by hand, each said once in words at the place to fix (tests/load/read-yaml.test.ts has more).
  'apostrophe-in-single-quotes.yaml': {
    status: 'invalid', code: 'yaml-syntax', line: 11, column: 26,
    message: 'the \' after "Service users" ends the quoted value early; write it as \'\', or quote the value with " instead',
  },
  'colon-in-a-value.yaml': {
    status: 'invalid', code: 'yaml-syntax', line: 11, column: 12,
    message: 'the value of `title:` holds a colon and a space, which YAML reads as another key; put the value in quotes: `title: "Satisfaction survey: autumn"`',
  },
  'list-under-a-value.yaml': {
    status: 'invalid', code: 'yaml-syntax', line: 11, column: 3,
    message: '`surveys:` already has a value on line 10 (`[]`); remove `[]` to give it the list below',
  },
  'no-space-after-colon.yaml': { status: 'invalid', code: 'yaml-syntax', line: 13, column: 17, message: 'a space is missing after `respondents:`; write `respondents: 48`' },
  'tab-under-a-list-item.yaml': { status: 'invalid', code: 'yaml-syntax', line: 12, column: 1, message: 'YAML indents with spaces only: replace the tab at line 12 with spaces' },
  'unclosed-quote.yaml': { status: 'invalid', code: 'yaml-syntax', line: 11, column: 12, message: 'the " that opens this value is never closed; add a closing " at the end of the value' },
  'windows-1252-pound.yaml': {
    status: 'invalid', code: 'encoding', line: 13, column: 46,
    message: 'byte 0xA3 at line 13 is probably a £ saved from Excel or Word: save the file as UTF-8',
  },
  // Read as Windows-1252 after the stray byte, so the file's other errors come in the same round.
  'windows-1252-and-an-impossible-date.yaml': {
    status: 'invalid', code: 'encoding', line: 12, column: 37, count: 2,
    message: 'byte 0x92 at line 12 is probably a ’ saved from Excel or Word: save the file as UTF-8',
  },
  'alias.yaml': { status: 'invalid', code: 'alias', line: 12, column: 9, message: anchor('closed'), count: 2 },
  'anchor-and-alias.yaml': { status: 'invalid', code: 'alias', line: 12, column: 7, message: anchor('hub'), count: 2 },
  'billion-laughs.yaml': { status: 'invalid', code: 'alias', line: 10, column: 7, message: anchor('a'), count: 9 + 8 * 9 },
  'comments-only.yaml': { status: 'invalid', code: 'no-document', line: 1, column: 1, message: 'the file is empty or holds only comments; expected the fields of an evidence file (format:, provider:, period:, …)' },
  'covers-unknown-category.yaml': {
    status: 'invalid', code: 'invalid-value', line: 12, column: 22,
    message: 'volunteer_expenses.policy.covers, item 2 must be one of travel, lunch, childcare, phone, other, got "bus"',
  },
  'date-after-submission.yaml': {
    status: 'invalid', code: 'date-after-submission', line: 14, column: 9,
    message: '"to" in surveys, item 1 ("Quarterly satisfaction survey") is 2026-10-31, after the return was submitted (submitted.on 2026-10-07); evidence cannot post-date its submission',
  },
  'duplicate-key.yaml': { status: 'invalid', code: 'duplicate-key', line: 10, column: 1, message: 'duplicate key "period": it is already at line 6, column 1; keep one' },
  'empty.yaml': { status: 'invalid', code: 'no-document', line: 1, column: 1 },
  'format-wrong.yaml': {
    status: 'invalid', code: 'invalid-value', line: 2, column: 9,
    message: '"format" must be exactly "involvement-evidence/1", got "involvement-evidence/2"; did you mean "involvement-evidence/1"?',
  },
  'impossible-date-2026-02-30.yaml': {
    status: 'invalid', code: 'invalid-value', line: 13, column: 11,
    message: '"date" in ladder, item 1 ("Leaflets in the waiting area") must be a real calendar date written YYYY-MM-DD, got "2026-02-30"',
  },
  // JSON is YAML 1.2: a provider whose system exports JSON is audited like anyone else.
  'json-as-yaml.yaml': { status: 'audited', count: 0 },
  'kind-wrong-case.yaml': {
    status: 'invalid', code: 'invalid-value', line: 12, column: 11,
    message: '"kind" in surveys, item 1 ("Quarterly satisfaction survey") must be one of satisfaction, consultation, family, focus-group, feedback-box, interview-panel, other, got "Satisfaction"; did you mean "satisfaction"?',
  },
  'merge-key.yaml': { status: 'invalid', code: 'alias', line: 10, column: 7, message: anchor('base'), count: 2 },
  'misspelt-key.yaml': {
    status: 'audited', code: 'unknown-key', line: 10, column: 1,
    message: 'unknown field "involvment_lead"; did you mean "involvement_lead"?',
  },
  'money-nan.yaml': {
    status: 'invalid', code: 'invalid-value', line: 14, column: 16,
    message: '"claimed" in volunteer_expenses.claims, item 1 ("V-014") must be a number, got NaN (not a finite number)',
  },
  'money-three-decimals.yaml': {
    status: 'invalid', code: 'invalid-value', line: 17, column: 16,
    message: '"claimed" in volunteer_expenses.claims, item 1 ("V-014"): money has at most two decimals (pence), got 14.505',
  },
  'nested-unknown-keys.yaml': {
    status: 'audited', code: 'unknown-key', line: 14, column: 7, count: 2,
    message: 'unknown field "rooms_displayed" in charter.sites, item 1 ("Oxford hub"); it is ignored',
  },
  'not-a-mapping.yaml': { status: 'invalid', code: 'not-a-mapping', line: 2, column: 1, message: /^the file must be a mapping of fields/ },
  'period-wrong.yaml': { status: 'invalid', code: 'invalid-value', line: 6, column: 9, message: '"period" must be a calendar quarter such as 2026-Q3, got "2026-Q5"' },
  'proto-key.yaml': { status: 'audited', code: 'unknown-key', line: 10, column: 1, message: 'unknown field "__proto__"; it is ignored' },
  'provider-id-missing.yaml': { status: 'invalid', code: 'missing-field', line: 3, column: 1, message: '"provider.id" is missing; expected text' },
  'provider-id-not-a-slug.yaml': {
    status: 'invalid', code: 'invalid-value', line: 4, column: 7,
    message: '"provider.id" must be a lowercase id of a-z, 0-9 and single hyphens, such as smart-cjs, got "SMART CJS"',
  },
  'respondents-negative.yaml': { status: 'invalid', code: 'invalid-value', line: 14, column: 18, message: '"respondents" in surveys, item 1 ("Quarterly satisfaction survey") must be at least 0, got -1' },
  'rung-8.yaml': { status: 'invalid', code: 'invalid-value', line: 11, column: 11, message: '"rung" in ladder, item 1 ("Service users ran the whole service") must be at most 7, got 8' },
  'rung-as-string.yaml': { status: 'invalid', code: 'invalid-value', line: 11, column: 11, message: '"rung" in ladder, item 1 ("Service user rep at the operations meeti…") must be a whole number, got "4" (text)' },
  'rung-fraction.yaml': { status: 'invalid', code: 'invalid-value', line: 11, column: 11, message: '"rung" in ladder, item 1 ("Service user rep at the operations meeti…") must be a whole number, got 4.5 (a number)' },
  'section-wrong-type.yaml': { status: 'invalid', code: 'invalid-value', line: 10, column: 10, message: '"surveys" must be a list, got "yes" (text)' },
  'self-referencing-alias.yaml': { status: 'invalid', code: 'alias', line: 10, column: 9, message: anchor('l'), count: 2 },
  'submitted-missing.yaml': { status: 'invalid', code: 'missing-field', line: 1, column: 1, message: '"submitted" is missing; expected a mapping of fields' },
  'submitted-on-empty.yaml': {
    status: 'invalid', code: 'invalid-value', line: 8, column: 6,
    message: '"submitted.on" must be a calendar date written YYYY-MM-DD, got null (empty)',
  },
  'tab-indent.yaml': { status: 'invalid', code: 'yaml-syntax', line: 11, column: 1, message: 'YAML indents with spaces only: replace the tab at line 11 with spaces' },
  'tag-js-function.yaml': { status: 'invalid', code: 'tag', line: 5, column: 9, message: 'YAML tags (!!js/function) are not allowed in evidence; remove the tag' },
  'timestamp-tag.yaml': { status: 'invalid', code: 'tag', line: 13, column: 11, message: 'YAML tags (!!timestamp) are not allowed in evidence; remove the tag' },
  'two-documents.yaml': {
    status: 'invalid', code: 'multiple-documents', line: 10, column: 1,
    message: 'a second YAML document starts here; an evidence file holds exactly one',
  },
  'unclosed-flow.yaml': { status: 'invalid', code: 'yaml-syntax', line: 12, column: 13, message: 'the [ that opens this list is never closed; add ] at its end' },
  'unknown-tag.yaml': { status: 'invalid', code: 'tag', line: 11, column: 10, message: 'YAML tags (!include) are not allowed in evidence; remove the tag' },
  // Pinned to YAML 1.2's core schema whatever the directive says, so no 1.1 timestamp rolls the date over.
  'yaml-1.1-directive.yaml': {
    status: 'invalid', code: 'invalid-value', line: 15, column: 11,
    message: '"date" in ladder, item 1 ("Leaflets in the waiting area") must be a real calendar date written YYYY-MM-DD, got "2026-02-30"',
  },
};

// A comment on line 1 would make these a different test: an empty file with a comment is comments-only,
// and JSON has no comments.
const NO_COMMENT = new Set(['empty.yaml', 'json-as-yaml.yaml']);

let pack: CompiledPack;
const reports = new Map<string, FileReport>();
const audit = (name: string) => reports.get(name) ?? reports.set(name, auditFile({ file: `fixtures/invalid/${name}`, absolute: join(folder, name), root: folder }, pack)).get(name)!;

beforeAll(() => {
  pack = compilePack(loadPack('core', repo));
});

describe('fixtures/invalid', () => {
  it('has an expectation for every fixture, and a fixture for every expectation', () => {
    expect(readdirSync(folder).filter((n) => n.endsWith('.yaml')).sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(Object.keys(expected).filter((n) => !NO_COMMENT.has(n)))('%s says on line 1 what is broken', (name) => {
    const first = readFileSync(join(folder, name), 'utf8').split('\n')[0]!;
    expect(first).toMatch(/^# \S.{10,}$/);
  });

  it.each(Object.entries(expected))('%s', (name, want) => {
    const report = audit(name);
    const list = want.status === 'invalid' ? report.errors : report.warnings;
    if (want.status === 'invalid') {
      expect(report.status).toBe('invalid');
      expect(report.results).toEqual([]);
    } else {
      expect(report.status).not.toBe('invalid');
      expect(report.errors).toEqual([]);
      expect(report.results.length).toBeGreaterThan(0);
    }
    for (const d of [...report.errors, ...report.warnings]) {
      expect(d.message).not.toMatch(/[\r\n]|(?<![/\w])undefined\b|\bat .+:\d+:\d+/);
      expect(d.line).toBeGreaterThanOrEqual(1);
      expect(d.column).toBeGreaterThanOrEqual(1);
    }
    expect(list).toHaveLength(want.count ?? (want.code ? 1 : 0));
    if (want.code) {
      expect(list[0]).toMatchObject({ code: want.code, line: want.line, column: want.column });
      if (typeof want.message === 'string') expect(list[0]!.message).toBe(want.message);
      else if (want.message) expect(list[0]!.message).toMatch(want.message);
    }
  });
});

describe('the slips, as a provider reads them', () => {
  it.each([
    ['tab-under-a-list-item.yaml', ['12:1: YAML indents with spaces only: replace the tab at line 12 with spaces']],
    ['list-under-a-value.yaml', ['11:3: `surveys:` already has a value on line 10 (`[]`); remove `[]` to give it the list below']],
    ['unclosed-flow.yaml', ['12:13: the [ that opens this list is never closed; add ] at its end']],
    [
      'windows-1252-and-an-impossible-date.yaml',
      [
        '12:37: byte 0x92 at line 12 is probably a ’ saved from Excel or Word: save the file as UTF-8',
        '13:11: "date" in ladder, item 1 ("Leaflets in every room’s rack") must be a real calendar date written YYYY-MM-DD, got "2026-02-30"',
      ],
    ],
  ])('%s: every error, and only those', (name, lines) => {
    const report = audit(name);
    expect(report.errors.map((e) => `${report.file}:${e.line}:${e.column}: ${e.message}`)).toEqual(lines.map((line) => `fixtures/invalid/${name}:${line}`));
  });

  it('still reads who sent a Windows-1252 file', () => {
    const report = audit('windows-1252-pound.yaml');
    expect(report).toMatchObject({ provider: 'smart-cjs', provider_name: 'SMART Criminal Justice Service', period: '2026-Q3', status: 'invalid' });
  });
});

describe('what the invalid fixtures must not do', () => {
  it('keeps a broken file named after itself, with whatever header it has', () => {
    expect(audit('empty.yaml')).toMatchObject({ file: 'fixtures/invalid/empty.yaml', provider: 'empty', period: null });
    expect(audit('rung-8.yaml')).toMatchObject({ provider: 'smart-cjs', provider_name: 'SMART Criminal Justice Service', period: '2026-Q3' });
  });

  it('reports every alias and anchor of billion laughs without expanding one', () => {
    const codes = new Set(audit('billion-laughs.yaml').errors.map((e) => e.code));
    expect([...codes]).toEqual(['alias']);
  });

  it('changes no prototype for a __proto__ key, and drops it from the evidence', () => {
    const report = audit('proto-key.yaml');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(report.provider).toBe('smart-cjs');
  });

  it('audits a file with a misspelt key as if the key were absent', () => {
    const report = audit('misspelt-key.yaml');
    const lead = report.results.find((r) => r.rule === 'involvement-lead-named');
    expect(lead?.status).toBe('fail');
  });

  it('audits the nested unknown keys at their own lines, sorted by position', () => {
    expect(audit('nested-unknown-keys.yaml').warnings.map(({ code, line, column, message }) => ({ code, line, column, message }))).toEqual([
      { code: 'unknown-key', line: 14, column: 7, message: 'unknown field "rooms_displayed" in charter.sites, item 1 ("Oxford hub"); it is ignored' },
      { code: 'unknown-key', line: 19, column: 5, message: 'unknown field "respondants" in surveys, item 1 ("Quarterly satisfaction survey"); did you mean "respondents"?' },
    ]);
  });

  it('never runs the function in a !!js/function tag', () => {
    // The fixture's function would end the process; getting here with a located error is the test.
    expect(audit('tag-js-function.yaml').errors[0]?.code).toBe('tag');
  });
});

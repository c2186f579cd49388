import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shippedPackNames, shippedPacksDir } from '../../src/packs/load-pack.ts';
import { packTestCases } from '../../src/packs/pack-tests.ts';
import { runCli } from './run-cli.ts';

/** A copy of the shipped core pack, tests and all, to break on purpose. */
function corePackCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'involve-pt-'));
  cpSync(join(shippedPacksDir(), 'core'), join(dir, 'core'), { recursive: true });
  return join(dir, 'core');
}

describe('involve test-rules', () => {
  it("passes the shipped packs' own tests, ending with the line CI reads", async () => {
    const r = await runCli(['test-rules', 'core', 'nottingham-cdp-2015', 'oxfordshire-daat-2009']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Pack core: 4 test cases');
    expect(r.stdout).toContain('  ✓ tests/red-lead-tbc-and-room-short.yaml');
    expect(r.stdout).toContain('  ✓ tests/red-issue-10-demonstration.yaml');
    // Counted from the packs' tests folders, so a pack that gains a case needs no edit here.
    const cases = shippedPackNames().flatMap((pack) => packTestCases(join(shippedPacksDir(), pack))).length;
    expect(cases).toBeGreaterThan(10);
    expect(r.stdout.trim().split('\n').at(-1)).toBe(`${cases} passed, 0 failed`);
  });

  it('fails a case whose rule gives something else, saying what and where', async () => {
    const pack = corePackCopy();
    // Pretend the pack's authors meant a stricter reading of the charter.
    writeFileSync(
      join(pack, 'tests', 'green-complete-return.expected.yaml'),
      [
        'status: green',
        'rules:',
        '  involvement-lead-named: pass',
        '  charter-displayed: fail',
        '  surveys-conducted: {status: pass, evidence: [{id: counted, data: {respondents: 9, title: Quarterly service user satisfaction survey}}]}',
        '  expenses-reimbursed: {status: pass, findings: [{id: paid-late}]}',
        '  ladder-rungs-evidenced: {status: info, findings: [{id: aspirational-missing, data: {window_months: 12, values: "6 (Implementing), 7 (Initiating)"}}]}',
        '  no-personal-data: pass',
        '  attachments-present: pass',
        '  made-up-rule: pass',
        '',
      ].join('\n'),
    );
    const r = await runCli(['test-rules', pack]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('  ✗ tests/green-complete-return.yaml');
    expect(r.stdout).toContain('charter-displayed: expected fail, got pass');
    // By meaning, one plain line each: the id and data expected, and what came.
    const lines = r.stdout.split('\n').map((line) => line.trim());
    expect(lines).toContain('surveys-conducted: expected evidence counted (respondents 9, title "Quarterly service user satisfaction survey"), got counted (respondents 48, title "Quarterly service user satisfaction survey")');
    expect(lines).toContain('expenses-reimbursed: expected finding paid-late, got none');
    expect(lines).toContain('ladder-rungs-evidenced: expected finding aspirational-missing (window_months 12, values "6 (Implementing), 7 (Initiating)"), got aspirational-missing (window_months 12, values "7 (Initiating)")');
    expect(r.stdout).toContain(
      `${join(pack, 'tests', 'green-complete-return.expected.yaml')}:10:3: error: made-up-rule: the pack runs no such rule (its rules: involvement-lead-named, charter-displayed, surveys-conducted, expenses-reimbursed, ladder-rungs-evidenced, no-personal-data, attachments-present)`,
    );
    expect(r.stdout).toContain('3 passed, 1 failed');
  });

  it('asks for an expected result for every rule, and for the expectations file', async () => {
    const pack = corePackCopy();
    writeFileSync(join(pack, 'tests', 'green-complete-return.expected.yaml'), 'status: green\nrules:\n  involvement-lead-named: pass\n');
    rmSync(join(pack, 'tests', 'amber-claim-pending.expected.yaml'));
    const r = await runCli(['test-rules', pack]);
    expect(r.stdout).toContain('charter-displayed: no expected result is given (it gave pass)');
    expect(r.stdout).toContain('no expected results: write tests/amber-claim-pending.expected.yaml');
    expect(r.status).toBe(1);
  });

  it('names the ids there were when none is the one expected', async () => {
    const pack = corePackCopy();
    const expected = join(pack, 'tests', 'red-lead-tbc-and-room-short.expected.yaml');
    writeFileSync(expected, readFileSync(expected, 'utf8').replace('id: room-short', 'id: rooms-short'));
    const r = await runCli(['test-rules', pack]);
    expect(r.stdout).toContain('      charter-displayed: expected finding rooms-short (label "Banbury outreach", actual 1, expected 2), got only room-short\n');
    expect(r.status).toBe(1);
  });

  it('refuses the old form, a fragment of wording, located', async () => {
    const pack = corePackCopy();
    writeFileSync(join(pack, 'tests', 'invalid-rung-8.expected.yaml'), 'status: invalid\nrules:\n  charter-displayed: {status: pass, message: "every room"}\n');
    const r = await runCli(['test-rules', pack]);
    expect(r.stdout).toMatch(/invalid-rung-8\.expected\.yaml:3:37: error: unknown field "message"/);
    expect(r.status).toBe(1);
  });

  it('exits 2 for a pack without tests, or a broken expectations file', async () => {
    const pack = corePackCopy();
    rmSync(join(pack, 'tests'), { recursive: true });
    expect((await runCli(['test-rules', pack])).status).toBe(2);
    const other = corePackCopy();
    writeFileSync(join(other, 'tests', 'invalid-rung-8.expected.yaml'), 'stauts: invalid\n');
    const r = await runCli(['test-rules', other]);
    expect(r.stdout).toContain('unknown field "stauts"; did you mean "status"? (allowed: status, rules)');
    expect(r.status).toBe(1);
  });

  it('names the statuses, the fields and the rule ids an expectation may use, with line, column and did you mean', async () => {
    const pack = corePackCopy();
    const expected = join(pack, 'tests', 'amber-claim-pending.expected.yaml');
    const lines = readFileSync(expected, 'utf8').split('\n');
    // Line 4 is involvement-lead-named, line 5 charter-displayed, line 6 surveys-conducted.
    lines[3] = '  involvement-lead-named: passed';
    lines[4] = '  charter-displayed: {status: pass, findngs: []}';
    lines.splice(5, 0, '  charter-display: pass', '  lived-experience-in-partnership: pass');
    writeFileSync(expected, lines.join('\n'));
    const r = await runCli(['test-rules', pack]);
    const file = join(pack, 'tests', 'amber-claim-pending.expected.yaml');
    const shown = r.stdout.split('\n').filter((line) => line.includes(file)).map((line) => line.trim());
    expect(shown).toEqual([
      `${file}:4:27: error: "rules.involvement-lead-named" must be one of pass, fail, warn, info, skip, waived, got "passed"; did you mean "pass"?`,
      `${file}:5:37: error: unknown field "findngs" in rules.charter-displayed; did you mean "findings"? (allowed: findings, evidence, commendations, status)`,
    ]);
    // Once the file reads, a rule the pack does not run is named where it is written.
    lines[3] = '  involvement-lead-named: pass';
    lines[4] = '  charter-displayed: pass';
    writeFileSync(expected, lines.join('\n'));
    const again = (await runCli(['test-rules', pack])).stdout.split('\n').map((line) => line.trim());
    expect(again).toContain(`${file}:6:3: error: charter-display: the pack runs no such rule; did you mean "charter-displayed"?`);
    expect(again).toContain(
      `${file}:7:3: error: lived-experience-in-partnership: the pack runs no such rule (its rules: involvement-lead-named, charter-displayed, surveys-conducted, expenses-reimbursed, ladder-rungs-evidenced, no-personal-data, attachments-present)`,
    );
  });
});

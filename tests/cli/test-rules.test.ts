import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shippedPacksDir } from '../../src/packs/load-pack.ts';
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
    expect(r.stdout.trim().split('\n').at(-1)).toBe('10 passed, 0 failed');
  });

  it('fails a case whose rule gives something else, saying what and where', async () => {
    const pack = corePackCopy();
    // Pretend the pack's authors meant a stricter reading of the charter.
    writeFileSync(join(pack, 'tests', 'green-complete-return.expected.yaml'), 'status: green\nrules:\n  involvement-lead-named: pass\n  charter-displayed: fail\n  surveys-conducted: {status: pass, message: "no such words"}\n  expenses-reimbursed: pass\n  ladder-rungs-evidenced: info\n  no-personal-data: pass\n  attachments-present: pass\n  made-up-rule: pass\n');
    const r = await runCli(['test-rules', pack]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('  ✗ tests/green-complete-return.yaml');
    expect(r.stdout).toContain('charter-displayed: expected fail, got pass');
    expect(r.stdout).toContain('surveys-conducted: expected a message containing "no such words"');
    expect(r.stdout).toContain('made-up-rule: the pack runs no such rule');
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

  it('exits 2 for a pack without tests, or a broken expectations file', async () => {
    const pack = corePackCopy();
    rmSync(join(pack, 'tests'), { recursive: true });
    expect((await runCli(['test-rules', pack])).status).toBe(2);
    const other = corePackCopy();
    writeFileSync(join(other, 'tests', 'invalid-rung-8.expected.yaml'), 'stauts: invalid\n');
    const r = await runCli(['test-rules', other]);
    expect(r.stdout).toContain('unknown field "stauts"; did you mean "status"?');
    expect(r.status).toBe(1);
  });
});

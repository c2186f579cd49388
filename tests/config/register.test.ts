// The provider register (commissioning.md): its validation, the returns it expects and does not get, in every
// format and in the exit status, and what it says of the returns it does get.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STARTER_CONFIG } from '../../src/cli/commands/init.ts';
import type { Report } from '../../src/report/model.ts';
import { execFileSync } from 'node:child_process';
import { examples, repo, runCli, spawnCli } from '../cli/run-cli.ts';
import { validateJunit } from '../report/xmllint.ts';

const REGISTER = `pack: core
providers:
  - id: smart-cjs
    name: SMART Criminal Justice Service
    contract: OXDAAT-CJS-2024
  - id: oxon-young-people
    name: Oxfordshire Young People's Service
    contract: OXDAAT-YP-2025
    from: 2026-Q1
  - id: banbury-outreach
    name: Banbury Outreach
    from: 2026-Q4
  - id: witney-recovery
    name: Witney Recovery Service
    to: 2026-Q2
`;

/** An evidence repository: `config` at its root and the example return (smart-cjs, 2026-Q3) in evidence/2026-Q3. */
function repository(config: string): string {
  const root = mkdtempSync(join(tmpdir(), 'involve-register-'));
  mkdirSync(join(root, 'evidence'), { recursive: true });
  cpSync(join(examples, '2026-Q3'), join(root, 'evidence', '2026-Q3'), { recursive: true });
  writeFileSync(join(root, 'involve.config.yaml'), config);
  return root;
}

const example = (root: string) => join(root, 'evidence', '2026-Q3', 'smart-cjs.yaml');
const edit = (root: string, from: string, to: string) => writeFileSync(example(root), readFileSync(example(root), 'utf8').replace(from, to));

async function audit(root: string, ...args: string[]) {
  const r = await runCli(['audit', 'evidence', '--as-of', '2026-11-01', ...args], { cwd: root });
  return { ...r, report: args.includes('json') ? (JSON.parse(r.stdout) as Report) : undefined };
}

const WORDS = "no return from Oxfordshire Young People's Service (oxon-young-people) for 2026-Q3 under contract OXDAAT-YP-2025; the provider register expects one";

describe('the provider register in involve.config.yaml', () => {
  it.each([
    ['an unknown key, with did you mean', 'providers:\n  - id: smart-cjs\n    name: SMART\n    contrat: X\n', 4, 5, 'unknown field "contrat" in providers, item 1 ("SMART"); did you mean "contract"? (allowed: id, name, contract, service_type, from, to)'],
    ['an id that is not a slug', 'providers:\n  - id: Smart CJS\n    name: SMART\n', 2, 9, '"id" in providers, item 1 ("SMART") must be a lowercase id of a-z, 0-9 and single hyphens, such as smart-cjs, got "Smart CJS"'],
    ['from after to', 'providers:\n  - id: smart-cjs\n    name: SMART\n    from: 2027-Q2\n    to: 2027-Q1\n', 4, 11, '"from" 2027-Q2 of provider "smart-cjs" is after its "to" 2027-Q1: the first quarter a return is due must not come after the last'],
    ['an id registered twice', 'providers:\n  - id: smart-cjs\n    name: SMART\n  - id: smart-cjs\n    name: SMART again\n', 4, 9, 'provider "smart-cjs" is registered twice (first on line 2); give each provider one entry'],
    ['a quarter that is not one', 'providers:\n  - id: smart-cjs\n    name: SMART\n    to: 2027-Q5\n', 4, 9, '"to" in providers, item 1 ("SMART") must be a calendar quarter such as 2027-Q1, got "2027-Q5"'],
  ])('refuses %s with exit 2, its line and column, and audits nothing', async (_, config, line, column, message) => {
    const r = await runCli(['audit', 'evidence'], { cwd: repository(config) });
    expect(r.stderr.split('\n')).toEqual([`involve.config.yaml:${line}:${column}: error: ${message}`, 'involve: cannot run with this rule pack or config; nothing was audited', '']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
  });

  it('is in the starter config as a commented example that is valid once uncommented', async () => {
    const lines = STARTER_CONFIG.split('\n');
    for (let i = lines.indexOf('# providers:'); lines[i]!.startsWith('# '); i++) lines[i] = lines[i]!.slice(2);
    expect(lines).toContain('providers:');
    const { status, report } = await audit(repository(lines.join('\n')), '--format', 'json');
    expect(report!.missing).toEqual([]);
    expect(report!.files[0]!.warnings).toEqual([]);
    expect(status).toBe(0);
  });
});

describe('missing returns', () => {
  it('lists each registered provider due in a quarter the run covers with no return, located on its register entry', async () => {
    const { status, report } = await audit(repository(REGISTER), '--format', 'json');
    // banbury-outreach is due from 2026-Q4 and witney-recovery's contract ended with 2026-Q2: neither owes 2026-Q3.
    expect(report!.missing).toEqual([{ provider: 'oxon-young-people', name: "Oxfordshire Young People's Service", period: '2026-Q3', contract: 'OXDAAT-YP-2025', file: 'involve.config.yaml', line: 6, column: 5 }]);
    expect(report!.summary).toEqual({ files: 1, red: 0, amber: 0, green: 1, invalid: 0, waived: 0, missing: 1 });
    expect(report!.history.providers.find((p) => p.provider === 'oxon-young-people')).toEqual({ provider: 'oxon-young-people', provider_name: "Oxfordshire Young People's Service", statuses: [null] });
    expect(status).toBe(1);
  });

  it.each([
    ['red', 1],
    ['amber', 1],
    ['never', 0],
  ])('counts as red under --fail-on %s', async (failOn, exit) => {
    expect((await audit(repository(REGISTER), '--fail-on', failOn)).status).toBe(exit);
  });

  it('is never said without a register', async () => {
    const { status, report } = await audit(repository('pack: core\n'), '--format', 'json');
    expect(report!.missing).toEqual([]);
    expect(report!.summary.missing).toBe(0);
    expect(status).toBe(0);
  });

  it('makes a --period with no return a run that reports something: every provider due is missing', async () => {
    const r = await audit(repository(REGISTER), '--period', '2026-Q4', '--format', 'json');
    expect(r.report!.missing.map((m) => `${m.provider} ${m.period}`)).toEqual(['banbury-outreach 2026-Q4', 'oxon-young-people 2026-Q4', 'smart-cjs 2026-Q4']);
    expect(r.report!.files).toEqual([]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    // Without a register, the same run found nothing to report.
    expect((await audit(repository('pack: core\n'), '--period', '2026-Q4')).status).toBe(2);
  });

  it('lists no missing return for a run over named files alone, which checks those files rather than a quarter', async () => {
    const root = repository(REGISTER);
    const own = await runCli(['audit', 'evidence/2026-Q3/smart-cjs.yaml', '--as-of', '2026-11-01', '--format', 'json'], { cwd: root });
    const report = JSON.parse(own.stdout) as Report;
    expect([report.summary.missing, report.missing, report.files.length]).toEqual([0, [], 1]);
    // The register still judges the file: its warnings and its service type.
    expect(report.files[0]!.warnings).toEqual([]);
    // A folder, or a --period, makes it an audit of the quarter.
    const quarter = await runCli(['audit', 'evidence/2026-Q3/smart-cjs.yaml', '--period', '2026-Q3', '--as-of', '2026-11-01', '--format', 'json'], { cwd: root });
    expect((JSON.parse(quarter.stdout) as Report).missing.map((m) => m.provider)).toEqual(['oxon-young-people']);
  });

  it('takes a return submitted after --as-of that the register expects as not yet received: missing, not invalid', async () => {
    const root = repository(REGISTER);
    const { status, report } = await audit(root, '--as-of', '2026-10-06', '--format', 'json');
    expect(report!.files).toEqual([]);
    expect(report!.missing.map((m) => m.provider)).toEqual(['oxon-young-people', 'smart-cjs']);
    expect(report!.summary).toMatchObject({ files: 0, invalid: 0, missing: 2 });
    expect(status).toBe(1);
    // Unregistered, it is the invalid return it is without a register.
    const other = repository(REGISTER.replace('id: smart-cjs', 'id: smart-cjs-old'));
    const unregistered = (await audit(other, '--as-of', '2026-10-06', '--format', 'json')).report!;
    expect(unregistered.files.map((f) => [f.status, f.errors[0]!.code])).toEqual([['invalid', 'submitted-after-today']]);
  });

  it('leaves a waiver for a missing provider out of the report, as for any provider with no return', async () => {
    const waiver = 'waivers:\n  - provider: oxon-young-people\n    rule: charter-displayed\n    reason: Refurbishment\n    approved_by: A. Commissioner\n    expires: 2026-12-31\n';
    const { report } = await audit(repository(REGISTER + waiver), '--format', 'json');
    expect(report!.waivers).toEqual([]);
    expect(report!.missing.length).toBe(1);
  });

  describe('in every format', () => {
    it('table: the summary, a "No return" row in the matrix and what needs attention', async () => {
      const { stdout } = await audit(repository(REGISTER), '--fail-on', 'never');
      expect(stdout).toContain('│ oxon-young-people │ 2026-Q3 │    │    │    │    │    │    │    │ NO RETURN │');
      expect(stdout).toContain('1 file: 1 green, 0 amber, 0 red, 0 invalid; 1 return missing');
      expect(stdout).toContain(
        [
          "NO RETURN Oxfordshire Young People's Service (oxon-young-people) · 2026-Q3",
          "  ✗ no return from Oxfordshire Young People's Service (oxon-young-people) for 2026-Q3 under contract",
          '      OXDAAT-YP-2025; the provider register expects one',
          '      involve.config.yaml:6:5',
        ].join('\n'),
      );
    });

    it('Markdown: the summary row, the matrix row and the list of missing returns', async () => {
      const { stdout } = await audit(repository(REGISTER), '--format', 'markdown', '--fail-on', 'never');
      expect(stdout).toContain('| No return | 1 |');
      expect(stdout).toContain("| Oxfordshire Young People's Service (oxon-young-people) | **No return** |  |  |  |  |  |  |  |");
      expect(stdout).toContain(['## Missing returns', '', 'Each counts as red until the return is received.', '', `- ${WORDS} (involve.config.yaml, line 6, column 5)`].join('\n'));
      expect(stdout).toContain('1 return audited against the core rule pack');
      expect(stdout).toContain('; 1 return missing.');
    });

    it('HTML: the tile, the matrix row and the list of missing returns', async () => {
      const { stdout } = await audit(repository(REGISTER), '--format', 'html', '--fail-on', 'never');
      const words = WORDS.replace("People's", 'People&#39;s');
      expect(stdout).toContain('<li class="f-none"><strong>1</strong><span class="w">No return</span></li>');
      expect(stdout).toContain(`<tr><th scope="row"><a href="#missing">Oxfordshire Young People&#39;s Service</a><span class="pid">oxon-young-people</span></th><td class="c f-none"><strong>No return</strong></td><td class="r-none" colspan="7">${words}</td></tr>`);
      expect(stdout).toContain(`<h2 id="missing">Missing returns</h2><p>Each counts as red until the return is received.</p><ul><li>${words} <span class="at">involve.config.yaml, line 6, column 5</span></li></ul>`);
    });

    it('JUnit: a failing test case per missing return, in the register suite', async () => {
      const { stdout } = await audit(repository(REGISTER), '--format', 'junit', '--fail-on', 'never');
      const words = WORDS.replace("People's", 'People&apos;s');
      expect(stdout).toContain(
        [
          '  <testsuite name="provider register" tests="1" failures="1" errors="0" skipped="0" file="involve.config.yaml">',
          '    <testcase classname="oxon-young-people.2026-Q3" name="return-received">',
          `      <failure message="${words}" type="missing-return">involve.config.yaml:6:5: ${WORDS}</failure>`,
          '    </testcase>',
          '  </testsuite>',
        ].join('\n'),
      );
      expect(stdout).toMatch(/<testsuites name="involve core" tests="\d+" failures="1" errors="0">/);
      expect((await validateJunit(stdout)).stderr).toBe('report.xml validates\n');
    });

    it('SARIF: an error on the register entry', async () => {
      const { stdout } = await audit(repository(REGISTER), '--format', 'sarif', '--fail-on', 'never');
      const run = JSON.parse(stdout).runs[0];
      const result = run.results.find((r: { ruleId: string }) => r.ruleId === 'missing-return');
      expect(result).toEqual({
        ruleId: 'missing-return',
        ruleIndex: run.tool.driver.rules.findIndex((r: { id: string }) => r.id === 'missing-return'),
        level: 'error',
        message: { text: WORDS },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'involve.config.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 6, startColumn: 5 } } }],
        partialFingerprints: { 'involve/v1': 'oxon-young-people/2026-Q3/missing-return' },
        properties: { provider: 'oxon-young-people', period: '2026-Q3', file_status: 'missing' },
      });
    });

    it('GitHub: an error annotation on the register entry, and the count in the summary', async () => {
      const { stdout } = await audit(repository(REGISTER), '--format', 'github', '--fail-on', 'never');
      const lines = stdout.trimEnd().split('\n');
      expect(lines).toContain(`::error file=involve.config.yaml,line=6,col=5,title=oxon-young-people 2026-Q3%3A no return::${WORDS}`);
      expect(lines.at(-1)).toMatch(/: 1 green, 0 amber, 0 red, 0 invalid; 1 return missing$/);
    });

    it('JSON written as the files are audited is the JSON of the whole report', async () => {
      const root = repository(REGISTER);
      const streamed = await audit(root, '--format', 'json', '--fail-on', 'never');
      await audit(root, '--format', 'markdown', '--report', 'json=whole.json', '--fail-on', 'never');
      expect(streamed.stdout).toBe(readFileSync(join(root, 'whole.json'), 'utf8'));
    });
  });
});

describe('returns checked against the register', () => {
  it('warns of a provider not in the register, and of a name or service type that differs, without changing the status', async () => {
    const root = repository(REGISTER.replace('SMART Criminal Justice Service', 'SMART CJS').replace('contract: OXDAAT-CJS-2024', 'service_type: treatment'));
    edit(root, '  contract: OXDAAT-CJS-2024\n', '  contract: OXDAAT-CJS-2024\n  service_type: criminal-justice\n');
    cpSync(example(root), join(root, 'evidence', '2026-Q3', 'banbury-recovery.yaml'));
    writeFileSync(join(root, 'evidence', '2026-Q3', 'banbury-recovery.yaml'), readFileSync(example(root), 'utf8').replace('id: smart-cjs', 'id: banbury-recovery'));
    const { report } = await audit(root, '--format', 'json', '--fail-on', 'never');
    const [banbury, smart] = report!.files;
    expect(banbury!.warnings).toEqual([{ code: 'not-registered', message: 'provider "banbury-recovery" is not in the provider register; the return is audited as usual, but no quarter expects it', line: 4, column: 7 }]);
    expect(smart!.warnings).toEqual([
      { code: 'register-mismatch', message: 'provider.name "SMART Criminal Justice Service" differs from the provider register\'s "SMART CJS"', line: 5, column: 9 },
      { code: 'register-mismatch', message: 'provider.service_type "criminal-justice" differs from the provider register\'s "treatment"; the return is judged as the register says', line: 7, column: 17 },
    ]);
    expect([banbury!.status, smart!.status]).toEqual(['green', 'green']);
  });

  it("scopes the rules by the register's service type, whatever the return declares", async () => {
    const registered = REGISTER.replace('contract: OXDAAT-CJS-2024', 'service_type: criminal-justice');
    const judged = async (config: string, declared?: string) => {
      const root = repository(config);
      if (declared) edit(root, '  contract: OXDAAT-CJS-2024\n', `  contract: OXDAAT-CJS-2024\n  service_type: ${declared}\n`);
      const file = (await audit(root, '--rules', 'nottingham-cdp-2015', '--format', 'json', '--fail-on', 'never')).report!.files[0]!;
      return [file.service_type, file.results.find((r) => r.rule === 'ladder-rungs-evidenced')!.status];
    };
    expect(await judged(registered)).toEqual(['criminal-justice', 'skip']);
    expect(await judged(REGISTER.replace('contract: OXDAAT-CJS-2024', 'service_type: treatment'), 'criminal-justice')).toEqual(['treatment', 'fail']);
    expect(await judged(REGISTER, 'criminal-justice')).toEqual(['criminal-justice', 'skip']);
    const root = repository(registered);
    const { stdout } = await runCli(['audit', 'evidence/2026-Q3/smart-cjs.yaml', '--rules', 'nottingham-cdp-2015', '--as-of', '2026-11-01', '--period', '2026-Q3', '--fail-on', 'never'], { cwd: root });
    expect(stdout).toContain('evidence/2026-Q3/smart-cjs.yaml · judged as a criminal justice service');
  });

  it('makes two returns for one provider and quarter both invalid, each naming the other, in the whole and the streamed JSON alike', async () => {
    const root = repository('pack: core\n');
    cpSync(example(root), join(root, 'evidence', '2026-Q3', 'smart-cjs-resubmitted.yaml'));
    const streamed = await audit(root, '--format', 'json');
    await audit(root, '--format', 'markdown', '--report', 'json=whole.json');
    expect(streamed.stdout).toBe(readFileSync(join(root, 'whole.json'), 'utf8'));
    const files = streamed.report!.files;
    expect(files.map((f) => [f.file, f.status, f.results.length])).toEqual([
      ['evidence/2026-Q3/smart-cjs-resubmitted.yaml', 'invalid', 0],
      ['evidence/2026-Q3/smart-cjs.yaml', 'invalid', 0],
    ]);
    expect(files[0]!.errors).toEqual([{ code: 'duplicate-return', message: 'two returns for smart-cjs, 2026-Q3: this file and evidence/2026-Q3/smart-cjs.yaml; a resubmission replaces the old file, so keep only one', line: 1, column: 1 }]);
    expect(files[1]!.errors[0]!.message).toBe('two returns for smart-cjs, 2026-Q3: this file and evidence/2026-Q3/smart-cjs-resubmitted.yaml; a resubmission replaces the old file, so keep only one');
    expect(streamed.report!.summary).toMatchObject({ files: 2, invalid: 2 });
    expect(streamed.status).toBe(1);
    // On worker threads too, where each file is audited apart from the others.
    execFileSync(process.execPath, ['scripts/build.mjs', '--if-needed'], { cwd: repo, stdio: 'pipe' });
    const threads = spawnCli(['audit', 'evidence', '--as-of', '2026-11-01', '--format', 'json'], { cwd: root, env: { INVOLVE_WORKERS: '2' } });
    expect(threads.stdout).toBe(streamed.stdout);
  });

  it('gives trend the missing returns of every quarter from --from to --to, a quarter with no return at all included', async () => {
    const root = repository(REGISTER);
    const r = await runCli(['trend', 'evidence', '--from', '2026-Q2', '--to', '2026-Q4', '--as-of', '2026-11-01', '--format', 'json'], { cwd: root });
    expect(r.status).toBe(0);
    const trend = JSON.parse(r.stdout) as { quarters: { period: string }[]; providers: { provider: string; statuses: string[] }[] };
    expect(trend.quarters.map((q) => q.period)).toEqual(['2026-Q2', '2026-Q3', '2026-Q4']);
    expect(trend.providers.map((p) => [p.provider, ...p.statuses])).toEqual([
      ['banbury-outreach', 'none', 'none', 'missing'],
      ['oxon-young-people', 'missing', 'missing', 'missing'],
      ['smart-cjs', 'missing', 'green', 'missing'],
      ['witney-recovery', 'missing', 'none', 'none'],
    ]);
  });
});

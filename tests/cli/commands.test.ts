import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repo, runCli } from './run-cli.ts';

describe('involve explain', () => {
  it('says what a rule checks, its parameters in the chosen pack, its citation and hint', async () => {
    const r = await runCli(['explain', 'surveys-conducted', '--rules', 'oxfordshire-daat-2009']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('surveys-conducted: Service users\' views sought by survey');
    expect(r.stdout).toContain('window_months: 6');
    expect(r.stdout).toContain('An Oxfordshire Strategy 2009-2012, section 4.1 Peer Mentoring');
    expect(r.stdout).toContain('How this pack reads it: "Regular" is read as at least twice a year');
    // The hint names the pack's own window, not core's.
    expect(r.stdout).toMatch(/How to put it right\n {2}List under surveys .* must close in the 6 calendar months ending with the quarter/);
  });

  it('says when a rule is off in the pack, and suggests a near miss', async () => {
    expect((await runCli(['explain', 'charter-displayed', '--rules', 'nottingham-cdp-2015'])).stdout).toContain('is off in pack nottingham-cdp-2015');
    const r = await runCli(['explain', 'charter-display']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('did you mean "charter-displayed"?');
  });

  it('suggests the rule a word cut short belongs to', async () => {
    const r = await runCli(['explain', 'charter']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('involve: pack core has no rule "charter"; did you mean "charter-displayed"? (see: involve rules --rules core)\n');
  });
});

describe('involve explain, on obligations', () => {
  it('lists the obligations of the register that the rule checks, with their sections and words', async () => {
    const r = await runCli(['explain', 'charter-displayed']);
    expect(r.stdout).toContain('Obligations it checks\n  ox-3-1-charter-in-all-rooms (section 3.1 Service Users Rights and Responsibilities): Services are required to display a Service Users Charter in all rooms');
    expect(r.stdout).toContain('  ox-7-so3-ka6-display-charter (section 7 Strategic Objective 3, key action 6): Ensure provider agencies display a Service Users Charter\n');
    expect((await runCli(['explain', 'no-personal-data'])).stdout).toContain('Obligations it checks\n  None in the register of pack core.\n');
  });
});

describe('involve coverage', () => {
  const CORE = '8 obligations; 8 checked by a rule; 0 cannot be evidenced by a quarterly return; 8 of 8 checkable obligations checked: 100%';

  it("prints core's register as a table: each obligation, its section, words and wording, the rules that check it, and the share checked", async () => {
    const r = await runCli(['coverage']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Obligation register · pack core \(Core involvement checks\)\n/);
    expect(r.stdout).toMatch(/│ ox-3-1-charter-in-all-rooms +│ Services are required to display +│ charter-displayed \(required\) │/);
    expect(r.stdout).toMatch(/│ 3\.1 Service Users Rights and +│/);
    expect(r.stdout).toMatch(/│ wording: required +│/);
    expect(r.stdout).toContain('\nCrime and Drugs Partnership Service User & Carer Involvement policy 2015\n');
    expect(r.stdout).toContain(`\n${CORE}\n`);
    expect(r.stdout).not.toContain('\u001b');
    expect((await runCli(['coverage', '--color'])).stdout).toContain('\u001b[');
  });

  it('prints it as Markdown for papers and as JSON for tools', async () => {
    const markdown = (await runCli(['coverage', '--format', 'markdown'])).stdout;
    expect(markdown).toContain(`# Obligation register: Core involvement checks (\`core\`)\n\n${CORE}.\n`);
    expect(markdown).toContain('## Crime and Drugs Partnership Service User \\& Carer Involvement policy 2015\n\n| Obligation | Section | Words | Wording | Checked by |\n');
    expect(markdown).toContain('| `nt-phg-volunteer-expenses` | Public Health Guidance | Note should also be taken of the requirement');
    const json = JSON.parse((await runCli(['coverage', '--format', 'json'])).stdout);
    expect(json.pack).toEqual({ id: 'core', title: 'Core involvement checks' });
    expect(json.summary).toEqual({ obligations: 8, checked: 8, unchecked: { 'commissioner-duty': 0, 'named-service': 0, 'declaration-only': 0 }, checkable: 8, share: 100 });
    expect(json.obligations.find((o: { id: string }) => o.id === 'nt-phg-volunteer-expenses')).toMatchObject({
      document: 'Crime and Drugs Partnership Service User & Carer Involvement policy 2015',
      section: 'Public Health Guidance',
      wording: 'required',
      rules: [{ id: 'expenses-reimbursed', severity: 'required' }],
      checked: true,
    });
  });

  it("counts a rule the config turns off as not checking its obligations", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'involve-coverage-'));
    writeFileSync(join(dir, 'involve.config.yaml'), 'pack: core\noverrides:\n  charter-displayed:\n    severity: off\n');
    const r = await runCli(['coverage', '--format', 'markdown'], { cwd: dir });
    expect(r.stdout).toContain('| `ox-3-1-charter-in-all-rooms` | 3.1 Service Users Rights and Responsibilities | Services are required to display a Service Users Charter in all rooms in premises accessed by service users. | required | `charter-displayed` (off in this configuration) |');
    expect(r.stdout).toContain('8 obligations; 5 checked by a rule; 0 cannot be evidenced by a quarterly return; 5 of 8 checkable obligations checked: 62%.');
    expect((await runCli(['coverage', '--no-config'], { cwd: dir })).stdout).toContain(CORE);
  });

  it("says why no rule checks an obligation, and escapes a pack's words for each format", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'involve-coverage-'));
    mkdirSync(join(dir, 'ours'));
    writeFileSync(join(dir, 'ours', 'pack.yaml'), 'id: ours\ntitle: Our contract\nversion: "1"\nextends: core\n');
    writeFileSync(join(dir, 'ours', 'obligations.yaml'), [
      'document: Our contract (2026)',
      'obligations:',
      '  - {id: lead, section: "2.1", words: "Name a lead", wording: required, checked_by: [involvement-lead-named]}',
      '  - {id: forum, section: "2.2", words: "The *commissioner* runs a forum | monthly", wording: required, unchecked: commissioner-duty, why: "We run it."}',
      '  - {id: respect, section: "2.3", words: "Treat people with respect \\e[31m", wording: required, unchecked: declaration-only, why: A return could only say so.}',
    ].join('\n'));
    const sentence = '3 obligations; 1 checked by a rule; 2 cannot be evidenced by a quarterly return (1 the commissioner\'s own duty, 1 a return could only declare it); 1 of 1 checkable obligation checked: 100%';
    const table = await runCli(['coverage', '--rules', './ours'], { cwd: dir });
    expect(table.stdout).toContain(sentence);
    expect(table.stdout).toMatch(/│ not checked: the +│\n.*│ commissioner's own duty +│/);
    expect(table.stdout).not.toContain('\u001b');
    const markdown = (await runCli(['coverage', '--rules', './ours', '--format', 'markdown'], { cwd: dir })).stdout;
    expect(markdown).toContain('| `forum` | 2.2 | The \\*commissioner\\* runs a forum \\| monthly | required | Not checked: the commissioner\'s own duty. We run it. |');
    expect(markdown).toContain(`${sentence}.`);
  });

  it('says so plainly when a pack has no register', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'involve-coverage-'));
    mkdirSync(join(dir, 'ours'));
    writeFileSync(join(dir, 'ours', 'pack.yaml'), 'id: ours\ntitle: Our contract\nversion: "1"\nextends: core\n');
    const r = await runCli(['coverage', '--rules', './ours'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Pack ours (Our contract) has no obligation register: its folder holds no obligations.yaml, so which of its policy\'s obligations its rules check is not recorded.');
    expect(JSON.parse((await runCli(['coverage', '--rules', './ours', '--format', 'json'], { cwd: dir })).stdout)).toEqual({ pack: { id: 'ours', title: 'Our contract' }, summary: null, obligations: null });
  });

  it('stops with exit 2 on a broken register, naming the file, line and column', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'involve-coverage-'));
    mkdirSync(join(dir, 'ours'));
    writeFileSync(join(dir, 'ours', 'pack.yaml'), 'id: ours\ntitle: Our contract\nversion: "1"\nextends: core\n');
    writeFileSync(join(dir, 'ours', 'obligations.yaml'), 'document: D\nobligations:\n  - {id: lead, section: S, words: W, wording: required, checked_by: [involvement-lead-name]}\n');
    const r = await runCli(['coverage', '--rules', './ours'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('ours/obligations.yaml:3:70: error: obligation "lead" is checked by rule "involvement-lead-name", which this pack does not have; did you mean "involvement-lead-named"?');
  });
});

describe('involve rules', () => {
  it("lists the pack's rules and what it turns off", async () => {
    const r = await runCli(['rules', '--rules', 'nottingham-cdp-2015']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/involvement-levels-supported\s+│ recommended/);
    expect(r.stdout).toContain('Off in this pack: involvement-lead-named, charter-displayed');
    expect(r.stdout.split('\n')[0]).toMatch(/^Pack nottingham-cdp-2015 version 2026-12 \(hash [0-9a-f]{12}\): Nottingham Crime/);
  });
});

describe('involve schema', () => {
  it('prints the JSON Schema generated from the zod schema', async () => {
    const r = await runCli(['schema']);
    const schema = JSON.parse(r.stdout);
    expect(schema.properties.ladder.items.properties.rung).toMatchObject({ type: 'integer', minimum: 1, maximum: 7 });
    expect(schema.required).toEqual(['format', 'provider', 'period', 'submitted']);
    expect(schema.additionalProperties).toBe(false);
  });

  // yaml-language-server shows patternErrorMessage, else "String does not match the pattern of" and the expression.
  it.each([[['schema']], [['schema', '--pack']]])('gives every pattern in %j plain words for the editor', async (args) => {
    const patterns: [string, string][] = [];
    (function walk(node: unknown): void {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        const { pattern, patternErrorMessage } = node as Record<string, unknown>;
        if (typeof pattern === 'string') patterns.push([pattern, String(patternErrorMessage)]);
        Object.values(node).forEach(walk);
      }
    })(JSON.parse((await runCli(args)).stdout));
    expect(patterns.length).toBeGreaterThan(3);
    for (const [pattern, words] of patterns) {
      expect(words, pattern).toMatch(/^Must be [^^\\]+\.$/);
      expect(words).not.toContain(pattern);
    }
  });

  it('says a date in words, not as the regular expression that checks it', async () => {
    const schema = JSON.parse((await runCli(['schema'])).stdout);
    expect(schema.properties.submitted.properties.on.patternErrorMessage).toBe('Must be a real calendar date written YYYY-MM-DD, such as 2026-10-07.');
    expect(schema.properties.period.patternErrorMessage).toBe('Must be a calendar quarter such as 2026-Q3.');
  });

  it('matches the copy published in docs/', async () => {
    const r = await runCli(['schema']);
    expect(readFileSync(join(repo, 'docs', 'involvement-evidence.schema.json'), 'utf8')).toBe(r.stdout);
  });
});

describe('help and version', () => {
  it('prints the version', async () => {
    const r = await runCli(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).version);
  });

  it.each(['audit', 'trend', 'explain', 'rules', 'coverage', 'schema', 'init'])('has --help with examples for %s', async (command) => {
    const r = await runCli([command, '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`Usage: involve ${command}`);
    expect(r.stdout).toContain('Examples:');
  });

  it('suggests a near command', async () => {
    const r = await runCli(['audti']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('(Did you mean audit?)');
  });
});

describe('involve init --config', () => {
  it('writes a commented config that loads, and never overwrites', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'involve-initc-'));
    const r = await runCli(['init', '--config'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(readFileSync(join(dir, 'involve.config.yaml'), 'utf8')).toContain('# A waived failure shows as "waived"');
    const audit = await runCli(['audit', join(repo, 'fixtures/sample/2026-Q3/notts-cjs.yaml'), '--config', join(dir, 'involve.config.yaml')], { cwd: dir });
    expect(audit.stderr).toBe('');
    expect(audit.status).toBe(0);
    expect((await runCli(['init', '--config'], { cwd: dir })).status).toBe(2);
  });
});

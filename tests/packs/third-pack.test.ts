// Issue 13's proof: a third commissioner's pack, written in YAML alone (fixtures/third-pack). Copied to a temporary
// folder, it declares its own sections, adds a field to the ladder, takes one of Oxfordshire's rules, and audits
// returns that pass and fail each of its rules; and every command the walkthrough shows gives what it shows.
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compilePack } from '../../src/packs/compile-pack.ts';
import { loadPack } from '../../src/packs/load-pack.ts';
import { quoteIsIn } from '../../src/packs/policy-words.ts';
import type { Report, RuleResult } from '../../src/report/model.ts';
import { repo, runCli } from '../cli/run-cli.ts';

const fixture = join(repo, 'fixtures', 'third-pack');
const walkthroughPage = join(repo, 'docs', 'writing-a-pack-walkthrough.md');
const AS_OF = '2026-10-31';
const NEW_RULES = ['lived-experience-led', 'peer-projects-supported', 'mutual-aid-introduced', 'recovery-pathways-peer-led', 'peer-mentors-supported'];

/** The temporary folder the pack is copied to, as the walkthrough's commissioner has it: the pack, its tests/ holding the returns. */
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'involve-third-pack-'));
  cpSync(join(fixture, 'wessex-recovery'), join(dir, 'wessex-recovery'), { recursive: true });
});

// What each return gives under each rule the pack brings: its status, then its notes' message ids (findings first).
const VERDICTS: Record<string, { status: string; rules: Record<string, string[]> }> = {
  'green-complete-return.yaml': {
    status: 'green',
    rules: {
      'lived-experience-led': ['pass', 'counted', 'counted'],
      'peer-projects-supported': ['pass', 'counted', 'counted'],
      'mutual-aid-introduced': ['pass', 'pass'],
      'recovery-pathways-peer-led': ['pass', 'pass', 'item-pass', 'item-pass'],
      'peer-mentors-supported': ['pass', 'pass'],
    },
  },
  'red-peer-work-unrecorded.yaml': {
    status: 'red',
    rules: {
      'lived-experience-led': ['fail', 'too-few'],
      'peer-projects-supported': ['fail', 'too-few', 'no-evidence'],
      'mutual-aid-introduced': ['pass', 'pass'],
      'recovery-pathways-peer-led': ['pass', 'pass', 'item-pass', 'item-pass'],
      'peer-mentors-supported': ['fail', 'no-supervision'],
    },
  },
  'red-recovery-support-twelve-step-only.yaml': {
    status: 'red',
    rules: {
      'lived-experience-led': ['pass', 'counted', 'counted'],
      'peer-projects-supported': ['pass', 'counted', 'counted'],
      'mutual-aid-introduced': ['fail', 'twelve-step-only'],
      'recovery-pathways-peer-led': ['fail', 'not-peer-led', 'not-peer-led', 'item-pass'],
      'peer-mentors-supported': ['pass', 'pass'],
    },
  },
  'red-no-recovery-sections.yaml': {
    status: 'red',
    rules: {
      'lived-experience-led': ['pass', 'counted', 'counted'],
      'peer-projects-supported': ['fail', 'missing'],
      'mutual-aid-introduced': ['fail', 'missing'],
      'recovery-pathways-peer-led': ['fail', 'missing'],
      'peer-mentors-supported': ['pass', 'pass'],
    },
  },
};

/** `involve audit FILE` under the pack, in the pack's folder, as its JSON report. */
async function audit(file: string): Promise<Report> {
  const { stdout } = await runCli(['audit', file, '--rules', 'wessex-recovery', '--as-of', AS_OF, '--format', 'json', '--fail-on', 'never'], { cwd: dir });
  return JSON.parse(stdout) as Report;
}

interface JsonSchema {
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  required?: string[];
}

const ids = (r: RuleResult) => [r.status, ...r.findings.map((n) => n.id), ...r.evidence.map((n) => n.id), ...r.commendations.map((n) => n.id)];

describe('a third pack, in YAML alone', () => {
  it('audits returns that pass and fail each rule it brings', async () => {
    const got: typeof VERDICTS = {};
    // One at a time: they are the same provider's return for the same quarter, told apart by what they lack.
    for (const name of Object.keys(VERDICTS)) {
      const [file] = (await audit(join('wessex-recovery', 'tests', name))).files;
      got[name] = { status: file!.status, rules: Object.fromEntries(file!.results.filter((r) => NEW_RULES.includes(r.rule)).map((r) => [r.rule, ids(r)])) };
    }
    expect(got).toEqual(VERDICTS);
    // Every rule the pack brings passes in one return and fails in another.
    for (const rule of NEW_RULES) expect(new Set(Object.values(VERDICTS).map((v) => v.rules[rule]![0]))).toEqual(new Set(['pass', 'fail']));
  });

  it('refuses a return whose declared fields are missing or out of their values, at their lines', async () => {
    const [report] = (await audit(join('wessex-recovery', 'tests', 'invalid-project-undated.yaml'))).files;
    expect(report!.status).toBe('invalid');
    expect(report!.errors.map((e) => `${e.line}:${e.column} ${e.message}`)).toEqual([
      '78:5 "date" in peer_projects, item 2 ("Kennet canal walking group") is missing; expected a calendar date written YYYY-MM-DD',
      '92:13 "kind" in recovery_support.pathways, item 2 ("Move-on housing") must be one of housing, employment, education, got "housing-first"',
    ]);
  });

  it("passes its own tests with involve test-rules", async () => {
    const r = await runCli(['test-rules', 'wessex-recovery'], { cwd: dir });
    const cases = readdirSync(join(dir, 'wessex-recovery', 'tests')).filter((f) => f.endsWith('.expected.yaml')).length;
    expect(r.stderr).toBe('');
    expect(r.stdout.trim().split('\n').at(-1)).toBe(`${cases} passed, 0 failed`);
    expect(r.status).toBe(0);
  });

  it('reads its sections only under itself: under core they are unknown fields, and warned', async () => {
    const { stdout } = await runCli(['audit', join('wessex-recovery', 'tests', 'green-complete-return.yaml'), '--rules', 'core', '--as-of', AS_OF, '--format', 'json', '--fail-on', 'never'], { cwd: dir });
    const [file] = (JSON.parse(stdout) as Report).files;
    expect(file!.warnings.map((w) => w.path?.join('.'))).toEqual(['ladder.3.lived_experience', 'ladder.5.lived_experience', 'peer_projects', 'recovery_support']);
  });

  it('gives providers the format it reads: its JSON Schema, and a starter return with its sections', async () => {
    const schema = JSON.parse((await runCli(['schema', '--rules', 'wessex-recovery'], { cwd: dir })).stdout) as JsonSchema;
    expect(Object.keys(schema.properties!.peer_projects!.items!.properties!)).toEqual(['title', 'date', 'led_by', 'participants', 'evidence']);
    expect(schema.properties!.peer_projects!.items!.required).toEqual(['title', 'date']);
    expect(Object.keys(schema.properties!.recovery_support!.properties!)).toEqual(['mutual_aid_introductions', 'mutual_aid_groups', 'pathways']);
    expect(schema.properties!.ladder!.items!.properties!.lived_experience).toMatchObject({ type: 'boolean', description: 'led by a person with lived experience of recovery' });

    const started = mkdtempSync(join(tmpdir(), 'involve-third-pack-init-'));
    const r = await runCli(['init', '--rules', join(dir, 'wessex-recovery'), '--provider', 'avon-vale-recovery', '--period', '2026-Q4'], { cwd: started });
    expect(r.status).toBe(0);
    const starter = parse(readFileSync(join(started, '2026-Q4', 'avon-vale-recovery.yaml'), 'utf8')) as Record<string, Record<string, unknown>[] & Record<string, unknown>>;
    expect(Object.keys(starter.peer_projects![0]!)).toEqual(['title', 'date', 'led_by', 'participants', 'evidence']);
    expect(Object.keys(starter.recovery_support!)).toEqual(['mutual_aid_introductions', 'mutual_aid_groups', 'pathways']);
    expect(Object.keys(starter.ladder![0]!)).toContain('lived_experience');
  });

  it('quotes its policy word for word: each citation in its register, each obligation in the policy', () => {
    const policy = readFileSync(join(fixture, 'policy.md'), 'utf8');
    const pack = compilePack(loadPack(join(dir, 'wessex-recovery'), dir));
    for (const o of pack.register!.obligations) expect(quoteIsIn(o.words, policy), o.id).toBe(true);
    const own = pack.rules.filter((r) => r.citation.document === pack.register!.document);
    expect(own.map((r) => r.id).sort()).toEqual([...NEW_RULES].sort());
    for (const rule of own) {
      const serving = pack.register!.obligations.filter((o) => o.checked_by?.includes(rule.id));
      expect(serving.some((o) => o.section === rule.citation.section && quoteIsIn(rule.citation.quote, o.words)), rule.id).toBe(true);
    }
  });
});

// A console block of the walkthrough: `$ involve ARGS` and what it prints. UPDATE_DOCS=1 rewrites what it prints.
const consoleBlock = /```console\n\$ involve ([^\n]*)\n([\s\S]*?)```/g;
// The part of the starter return the walkthrough shows: from the pack's first own section to the end.
const STARTER = '2026-Q4/avon-vale-recovery.yaml';
const starterBlock = new RegExp(`\`\`\`yaml\n# ${STARTER}, from peer_projects to its end\n([\\s\\S]*?)\`\`\``);

describe('the walkthrough (docs/writing-a-pack-walkthrough.md)', () => {
  it("shows what each of its commands prints, run in order in the pack's folder, and the starter return it writes", async () => {
    const page = readFileSync(walkthroughPage, 'utf8');
    const blocks = [...page.matchAll(consoleBlock)];
    expect(blocks.map((b) => b[1]!.split(' ')[0])).toEqual(['explain', 'coverage', 'test-rules', 'init', 'audit']);
    let updated = page;
    const update = (block: string, body: string, shown: string, what: string) => {
      if (process.env.UPDATE_DOCS) updated = updated.replace(block, `${block.slice(0, block.length - shown.length - 3)}${body}\`\`\``);
      else expect(shown, `${what}: run UPDATE_DOCS=1 npx vitest run tests/packs/third-pack.test.ts`).toBe(body);
    };
    for (const [block, command, shown] of blocks) {
      const r = await runCli(command!.split(' '), { cwd: dir });
      update(block, r.stdout + r.stderr, shown!, `$ involve ${command}`);
    }
    const starter = readFileSync(join(dir, STARTER), 'utf8');
    const [block, shown] = starterBlock.exec(page)!;
    update(block, starter.slice(starter.indexOf('# peer-projects-supported')), shown!, STARTER);
    if (updated !== page) writeFileSync(walkthroughPage, updated);
  });
});

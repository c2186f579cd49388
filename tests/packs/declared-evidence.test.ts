// A pack declares evidence (pack.yaml `evidence:`): the declaration checked when the pack loads, returns validated
// against it, rule paths resolved in it, and the format it gives in `schema --rules`, `init --rules` and on workers.
// The packs and returns are in fixtures/packs/declared-evidence.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/diagnostic.ts';
import { compilePack } from '../../src/packs/compile-pack.ts';
import { loadPack } from '../../src/packs/load-pack.ts';
import { auditReport, repo, runCli, spawnCli } from '../cli/run-cli.ts';
import { problems } from './pack-folder.ts';

const fixtures = 'fixtures/packs/declared-evidence';
const recovery = `${fixtures}/recovery`;
const said = (pack: string) => problems(`${fixtures}/${pack}`, repo).map(formatDiagnostic);
const messages = (file: { errors: { line: number; column: number; message: string }[] }) => file.errors.map((e) => `${e.line}:${e.column} ${e.message}`);

describe('a declaration, when the pack loads', () => {
  it('is refused in its shape with the line, column and "did you mean" of every key', () => {
    expect(said('broken-shape')).toEqual([
      `${fixtures}/broken-shape/pack.yaml:9:26: error: "evidence.sections.recovery_support.fields.started.type" must be one of text, date, count, money, yes-no, one-of, attachments, section, list, got "dat"; did you mean "date"?`,
      `${fixtures}/broken-shape/pack.yaml:10:35: error: unknown field "requried" in evidence.sections.recovery_support.fields.peer_led; did you mean "required"? (allowed: type, description, required, values, fields, items)`,
      `${fixtures}/broken-shape/pack.yaml:11:3: error: unknown field "add_field" in evidence; did you mean "add_fields"? (allowed: sections, add_fields)`,
    ]);
  });

  it('is refused where it does not fit the format: a clash, a name, a type and its keys, an add_fields path', () => {
    const at = `${fixtures}/broken-meaning/pack.yaml`;
    expect(said('broken-meaning')).toEqual([
      `${at}:7:5: error: section "ladder" is already in the evidence format; add fields to it with add_fields`,
      `${at}:10:5: error: section name "RecoverySupport" must be snake_case: lowercase letters, digits and _, starting with a letter`,
      `${at}:15:32: error: values are for type one-of only; "started" is date`,
      `${at}:16:23: error: type one-of needs values: the list of values the field may take`,
      `${at}:17:9: error: attachments are listed under a field named evidence, which attachments-present checks and require_evidence counts: rename "minutes" to evidence`,
      `${at}:18:27: error: "evidence" is where attachments are listed: its type must be attachments`,
      `${at}:19:26: error: type section needs fields: the section's fields`,
      `${at}:20:5: error: section "peer_projects" needs either fields or items, not both`,
      `${at}:26:5: error: add_fields path "family_involvement.activites": no field "activites" in family_involvement; did you mean "activities"?`,
      `${at}:28:5: error: add_fields path "peer_mentors.active": it is a whole number, 0 or more, not a section or a list of items`,
      `${at}:31:7: error: ladder already has a field "rung" in the evidence format`,
      `${at}:32:5: error: add_fields cannot change the return's header ("provider"): it is the same under every pack`,
    ]);
  });

  it('may not declare again what the pack it extends declared, and its rules read the format as extended', () => {
    const at = `${fixtures}/extends-recovery`;
    expect(said('extends-recovery')).toEqual([
      `${at}/pack.yaml:7:5: error: section "recovery_support" is already declared by pack "recovery"; add fields to it with add_fields`,
      `${at}/pack.yaml:12:7: error: ladder already has a field "lived_experience", declared by pack "recovery"`,
      `${at}/pack.yaml:15:5: error: add_fields path "recovery_support.pathway": no field "pathway" in recovery_support; did you mean "pathways"?`,
      `${at}/pack.yaml:17:5: error: add_fields path "recovery_support.pathways.started": it is a field of type date, not a section or a list of items`,
      // funding, added to the inherited list's items, resolves (as notes does in peer_projects); the misspelt date field does not.
      `${at}/pathways-funded.yaml:13:15: error: "check.date_field" in rule "pathways-funded" (check kind count-in-window): no field "startd" in an item of recovery_support.pathways; did you mean "started"?`,
    ]);
  });

  it('compiles to plain data that a worker can be sent, and leaves the shipped packs as they were', () => {
    const pack = compilePack(loadPack(recovery, repo));
    expect(structuredClone(pack)).toEqual(pack);
    expect(Object.keys(pack.evidence!.sections)).toEqual(['recovery_support', 'peer_projects']);
    expect(Object.keys(pack.evidence!.add_fields)).toEqual(['ladder', 'family_involvement.activities']);
    expect(compilePack(loadPack('core', repo)).evidence).toBeUndefined();
  });
});

describe('a return under a pack that declares evidence', () => {
  it('is green with the declared sections, and the rules read them', async () => {
    const [file] = (await auditReport(`${fixtures}/returns/green.yaml`, '--rules', recovery, '--no-config', '--as-of', '2026-12-01')).files;
    expect(file).toMatchObject({ status: 'green', errors: [], warnings: [] });
    expect(file!.results.find((r) => r.rule === 'pathways-offered')).toMatchObject({ status: 'pass', line: 83 });
    expect(file!.results.find((r) => r.rule === 'lived-experience-led')).toMatchObject({ status: 'pass' });
  });

  it('is read as declared by a pack that takes a rule from the declaring pack, not only by the pack that extends it', async () => {
    expect(said('includes-recovery')).toEqual([]);
    const [file] = (await auditReport(`${fixtures}/returns/green.yaml`, '--rules', `${fixtures}/includes-recovery`, '--no-config', '--as-of', '2026-12-01')).files;
    expect(file).toMatchObject({ status: 'green', errors: [], warnings: [] });
    expect(file!.results.find((r) => r.rule === 'pathways-offered')).toMatchObject({ status: 'pass', line: 83 });
  });

  it('is invalid where a declared field is wrong, said as the format says its own, and warns of a misspelt one', async () => {
    const [file] = (await auditReport(`${fixtures}/returns/invalid.yaml`, '--rules', recovery, '--no-config', '--as-of', '2026-12-01')).files;
    expect(file!.status).toBe('invalid');
    expect(messages(file!)).toEqual([
      '72:23 "lived_experience" in ladder, item 4 ("Service user forum representative at the…") must be true or false, got "yes" (text)',
      '84:16 "started" in recovery_support.pathways, item 1 ("Housing first") must be a real calendar date written YYYY-MM-DD, got "2026-08-32"',
      '86:13 "kind" in recovery_support.pathways, item 1 ("Housing first") must be one of housing, employment, education, other, got "houses"',
      '87:13 "cost" in recovery_support.pathways, item 1 ("Housing first"): money has at most two decimals (pence), got 120.505',
    ]);
    expect(file!.warnings.map((w) => `${w.line}:${w.column} ${w.message}`)).toEqual([
      '88:7 unknown field "peer_lead" in recovery_support.pathways, item 1 ("Housing first"); did you mean "peer_led"?',
    ]);
  });

  it('has a required field missing, and a declared date after submission, as errors', async () => {
    const [file] = (await auditReport(`${fixtures}/returns/late-and-unnamed.yaml`, '--rules', recovery, '--no-config', '--as-of', '2026-12-01')).files;
    expect(messages(file!)).toEqual(['83:12 "name" in recovery_support.pathways, item 1 is missing; expected text']);
    const [late] = (await auditReport(`${fixtures}/returns/late.yaml`, '--rules', recovery, '--no-config', '--as-of', '2026-12-01')).files;
    expect(messages(late!)).toEqual([
      '90:11 "date" in peer_projects, item 1 ("Recovery cafe") is 2026-10-09, after the return was submitted (submitted.on 2026-10-07); evidence cannot post-date its submission',
    ]);
  });

  it('under a pack that does not declare them, still warns that they are unknown', async () => {
    const [file] = (await auditReport(`${fixtures}/returns/green.yaml`, '--no-config', '--as-of', '2026-12-01')).files;
    expect(file!.status).toBe('green');
    expect(file!.warnings.map((w) => `${w.line}:${w.column} ${w.message}`)).toEqual([
      '72:5 unknown field "lived_experience" in ladder, item 4 ("Service user forum representative at the…"); it is ignored',
      '80:1 unknown field "recovery_support"; it is ignored',
      '88:1 unknown field "peer_projects"; it is ignored',
    ]);
  });

  it('gives the same JSON on worker threads as in one', () => {
    const args = ['audit', `${fixtures}/returns`, '--rules', recovery, '--no-config', '--as-of', '2026-12-01', '--format', 'json', '--fail-on', 'never'];
    const one = spawnCli(args, { env: { INVOLVE_WORKERS: '0' } });
    const two = spawnCli(args, { env: { INVOLVE_WORKERS: '2' } });
    expect(one.stderr).toBe('');
    expect(JSON.parse(one.stdout).summary).toMatchObject({ files: 4, green: 1, invalid: 3 });
    expect(two.stdout).toBe(one.stdout);
  });
});

describe('the format a declaring pack reads', () => {
  it('is its JSON Schema with schema --rules, the core one without', async () => {
    const schema = JSON.parse((await runCli(['schema', '--rules', recovery])).stdout);
    expect(schema.title).toBe('Involvement evidence, format version 1, with what pack recovery adds');
    expect(schema.properties.recovery_support).toMatchObject({ type: 'object', description: 'Recovery-support pathways and mutual aid this quarter' });
    expect(schema.properties.recovery_support.properties.pathways.items).toMatchObject({ required: ['name'], additionalProperties: false });
    expect(schema.properties.ladder.items.properties.lived_experience).toEqual({ type: 'boolean', description: 'led by someone with lived experience' });
    const core = JSON.parse((await runCli(['schema'])).stdout);
    expect(core.properties.recovery_support).toBeUndefined();
    expect(core).toEqual(JSON.parse(readFileSync(join(repo, 'docs', 'involvement-evidence.schema.json'), 'utf8')));
  });

  it('is a field table with --format markdown, as docs/evidence-format.md has the core one', async () => {
    const table = (await runCli(['schema', '--rules', recovery, '--format', 'markdown'])).stdout;
    expect(table).toContain('| `ladder[].lived_experience` | true/false |  | led by someone with lived experience |\n');
    expect(table).toContain('| `recovery_support.pathways[].name` | text | yes | the pathway\'s name |\n');
    expect(table).toContain('| `peer_projects[].date` | date | yes |  |\n');
    const core = (await runCli(['schema', '--format', 'markdown'])).stdout;
    expect(readFileSync(join(repo, 'docs', 'evidence-format.md'), 'utf8')).toContain(core);
  });

  it('is what init --rules writes: the declared sections with their descriptions', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'involve-init-'));
    expect((await runCli(['init', '--provider', 'smart-cjs', '--period', '2026-Q3', '--rules', join(repo, recovery)], { cwd })).status).toBe(0);
    const text = readFileSync(join(cwd, '2026-Q3', 'smart-cjs.yaml'), 'utf8');
    expect(text).toContain(`# (editor completion: create that file once with  involve schema --rules ${join(repo, recovery)} --output involvement-evidence.schema.json)`);
    expect(text).toContain(
      [
        '# pathways-offered (required): Recovery-support pathways started in the quarter',
        '#   List each pathway you offered under recovery_support.pathways, with the day it started.',
        'recovery_support:                       # Recovery-support pathways and mutual aid this quarter',
        '  # people introduced to mutual aid',
        '  mutual_aid_introductions:             # a whole number, 0 or more',
        '  pathways:                             # each recovery-support pathway offered',
        "    - name:                             # the pathway's name",
        '      started:                          # a calendar date, YYYY-MM-DD',
        '      peer_led:                         # true or false',
        '      kind:                             # one of: housing | employment | education | other',
        '      cost:                             # pounds, at most two decimals (a number)',
        '      evidence: []                      # attachments held by the provider, relative to this file',
        '',
        // No rule reads it yet; the pack declares it, so it is asked for.
        'peer_projects:                          # peer-led projects run this quarter',
        '  - title:',
        '    date:                               # a calendar date, YYYY-MM-DD',
        '    evidence: []                        # attachments held by the provider, relative to this file',
      ].join('\n'),
    );
    expect(text).toContain('    lived_experience:                   # led by someone with lived experience (true or false)');
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import type { Log, Result } from 'sarif';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from '../../../src/report/escape/markdown.ts';
import { renderSarif } from '../../../src/report/formats/sarif.ts';
import type { Report, RuleStatus, Severity } from '../../../src/report/model.ts';
import { auditReport, withoutMissing } from '../../cli/run-cli.ts';

const validators = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'validators', 'sarif');
const schema = (name: string) => JSON.parse(readFileSync(join(validators, name), 'utf8'));
// Both packages are CommonJS; under NodeNext their default import is module.exports, whose .default is the export.
const Ajv04 = ajvDraft04.default;
const addFormats = ajvFormats.default;
// The errata 01 schema is draft-04; the committee draft-07 one has a `language` pattern that is not a valid
// u-flag regex, hence unicodeRegExp: false (fixtures/validators/README.md).
const ajv04 = new Ajv04({ strict: false, allErrors: true });
addFormats(ajv04);
const ajv07 = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
addFormats(ajv07);
const schemas = {
  'errata 01 (draft-04)': ajv04.compile(schema('sarif-schema-2.1.0.json')),
  'committee draft-07': ajv07.compile(schema('sarif-schema-2.1.0.draft-07.json')),
};
const options = { color: 0, width: 100 } as const;

const sample = withoutMissing(await auditReport('fixtures/sample'));
const render = (report: Report) => JSON.parse(renderSarif(report, options)) as Log;
const log = render(sample);
const run = log.runs[0]!;
const results = run.results!;

const C0 = Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(i)).join('');
const EVIL = ` ${C0}\uFFFE\uD800 ]]> and ]]> <tag a="1" b='2'> & %0A\n::error::pwned #frag ?q=1 , a:b %`;

function hostile(report: Report): Report {
  const r = structuredClone(report);
  for (const f of r.files) {
    f.file = f.file.replace(/\.yaml$/, `${EVIL}.yaml`);
    f.provider += EVIL;
    for (const p of f.errors) p.message += EVIL;
    for (const x of f.results) x.message += EVIL;
  }
  for (const rule of r.rules) Object.assign(rule, { title: rule.title + EVIL, description: rule.description + EVIL, hint: rule.hint + EVIL });
  return r;
}

const expectValid = (sarif: Log) => {
  for (const [name, validate] of Object.entries(schemas)) {
    expect(validate(sarif) ? [] : validate.errors, name).toEqual([]);
  }
};
const reported = (s: RuleStatus) => s === 'fail' || s === 'warn' || s === 'info';

describe('renderSarif', () => {
  it('is valid against both SARIF 2.1.0 schemas', () => {
    expectValid(log);
    expect(log).toMatchObject({ version: '2.1.0', $schema: expect.stringContaining('sarif-schema-2.1.0.json') });
    expect(log.runs).toHaveLength(1);
    expect(run.tool.driver).toMatchObject({ name: 'involve', version: sample.tool.version });
  });

  it('is judged by schemas that do reject a bad log (a 0-based line, an unknown level)', () => {
    const bad = structuredClone(log);
    bad.runs[0]!.results![0]!.locations![0]!.physicalLocation!.region!.startLine = 0;
    (bad.runs[0]!.results![1] as { level: string }).level = 'fatal';
    for (const validate of Object.values(schemas)) expect(validate(bad)).toBe(false);
  });

  it("lists every rule of the pack, with its citation, hint and default level, then involve's own three", () => {
    const rules = run.tool.driver.rules!;
    expect(rules.map((r) => r.id)).toEqual([...sample.rules.map((r) => r.id), 'invalid-evidence', 'evidence-warning', 'missing-return']);
    const level: Record<Severity, string> = { required: 'error', recommended: 'warning', aspirational: 'note' };
    for (const info of sample.rules) {
      const rule = rules.find((r) => r.id === info.id)!;
      expect(rule).toMatchObject({
        name: expect.stringMatching(/^[A-Z][A-Za-z0-9]*$/),
        shortDescription: { text: info.title },
        fullDescription: { text: info.description },
        defaultConfiguration: { level: level[info.severity] },
        properties: { citation: info.citation, severity: info.severity },
      });
      for (const text of [info.hint, info.citation.document, info.citation.section, info.citation.quote]) {
        expect(rule.help!.text).toContain(text);
        expect(rule.help!.markdown).toContain(escapeMarkdown(text));
      }
    }
  });

  it('keeps pack text inert in the Markdown help', () => {
    const report = structuredClone(sample);
    report.rules[0]!.hint = 'see [here](javascript:alert(1)) <img src=x onerror=alert(1)>\n# heading';
    const markdown = render(report).runs[0]!.tool.driver.rules![0]!.help!.markdown!;
    expect(markdown).toContain('\\[here\\](javascript:alert(1)) \\<img src=x onerror=alert(1)\\>');
    expect(markdown).not.toMatch(/^# /m);
  });

  it('reports each fail, warn and info once, and no pass or skip', () => {
    const expected = sample.files.flatMap((f) => f.results.filter((r) => reported(r.status)).map((r) => `${f.file} ${r.rule}`));
    const actual = results.filter((r) => r.ruleId !== 'invalid-evidence').map((r) => `${r.locations![0]!.physicalLocation!.artifactLocation!.uri} ${r.ruleId}`);
    expect(actual).toEqual(expected);
    for (const r of results) expect(run.tool.driver.rules![r.ruleIndex!]!.id).toBe(r.ruleId);
  });

  it.each<[RuleStatus, Severity, Result.level]>([
    ['fail', 'required', 'error'],
    ['fail', 'recommended', 'warning'],
    ['fail', 'aspirational', 'note'],
    ['warn', 'required', 'warning'],
    ['warn', 'recommended', 'warning'],
    ['info', 'required', 'note'],
  ])('gives a %s of a %s rule the level %s', (status, severity, level) => {
    const report = structuredClone(sample);
    const f = report.files.find((x) => x.status !== 'invalid')!;
    report.files = [{ ...f, results: [{ ...f.results[0]!, status, severity }] }];
    expect(render(report).runs[0]!.results!.map((r) => r.level)).toEqual([level]);
  });

  it('reports each error of an invalid file under invalid-evidence, where it is', () => {
    const invalid = sample.files.filter((f) => f.status === 'invalid');
    expect(invalid.length).toBeGreaterThan(0);
    for (const f of invalid) {
      const mine = results.filter((r) => r.ruleId === 'invalid-evidence' && r.locations![0]!.physicalLocation!.artifactLocation!.uri === f.file);
      expect(mine.map((r) => [r.level, r.message.text, r.locations![0]!.physicalLocation!.region])).toEqual(
        f.errors.map((e) => ['error', e.message, { startLine: e.line, startColumn: e.column }]),
      );
    }
  });

  it('locates each result by its 1-based line and column, relative to %SRCROOT%', () => {
    const f = sample.files.find((x) => x.results.some((r) => r.status === 'fail'))!;
    const fail = f.results.find((r) => r.status === 'fail')!;
    const result = results.find((r) => r.ruleId === fail.rule && r.locations![0]!.physicalLocation!.artifactLocation!.uri === f.file)!;
    expect(result.locations![0]!.physicalLocation).toEqual({
      artifactLocation: { uri: f.file, uriBaseId: '%SRCROOT%' },
      region: { startLine: fail.line, startColumn: fail.column },
    });
  });

  it.each([
    ['spaces, non-ASCII and URI delimiters', 'evidence/2026 Q3/café #1, 50%: a?b.yaml', 'evidence/2026%20Q3/caf%C3%A9%20%231%2C%2050%25%3A%20a%3Fb.yaml', '%SRCROOT%'],
    ['a leading ./', './evidence/x.yaml', 'evidence/x.yaml', '%SRCROOT%'],
    ['a colon in the first segment, which would read as a scheme', 'c:notes/x.yaml', 'c%3Anotes/x.yaml', '%SRCROOT%'],
    ['an absolute POSIX path', '/srv/evidence/x y.yaml', 'file:///srv/evidence/x%20y.yaml', undefined],
    ['an absolute Windows path', 'C:/Users/me/x.yaml', 'file:///C:/Users/me/x.yaml', undefined],
  ])('writes a URI for %s', (_, file, uri, uriBaseId) => {
    const report = structuredClone(sample);
    report.files = [{ ...report.files.find((f) => f.results.some((r) => r.status === 'fail'))!, file }];
    const sarif = render(report);
    expectValid(sarif);
    expect(sarif.runs[0]!.results![0]!.locations![0]!.physicalLocation!.artifactLocation).toEqual(uriBaseId ? { uri, uriBaseId } : { uri });
  });

  it('keeps alerts tracked across runs: fingerprints name provider, period and rule, not the line', () => {
    const prints = results.map((r) => r.partialFingerprints!['involve/v1']);
    expect(new Set(prints).size).toBe(prints.length);
    const moved = structuredClone(sample);
    for (const f of moved.files) for (const r of [...f.results, ...f.errors]) Object.assign(r, { line: r.line + 7, message: `${r.message}, reworded` });
    expect(render(moved).runs[0]!.results!.map((r) => r.partialFingerprints)).toEqual(results.map((r) => r.partialFingerprints));
    const fail = results.find((r) => r.level === 'error' && r.ruleId !== 'invalid-evidence')!;
    expect(fail.partialFingerprints!['involve/v1']).toMatch(/^[a-z0-9-]+\/\d{4}-Q[1-4]\/[a-z0-9-]+$/);
  });

  it('stays valid, one-line-per-value JSON with control characters, U+FFFE and a lone surrogate in every string', () => {
    const report = hostile(sample);
    const text = renderSarif(report, options);
    // JSON.stringify writes a lone surrogate as \ud800, so the output is well-formed UTF-16 and UTF-8.
    expect(text).not.toMatch(/[\uD800-\uDFFF]/u);
    const sarif = JSON.parse(text) as Log;
    expectValid(sarif);
    const f = report.files.find((x) => x.results.some((r) => r.status === 'fail'))!;
    const fail = f.results.find((r) => r.status === 'fail')!;
    const result = sarif.runs[0]!.results!.find((r) => r.ruleId === fail.rule && r.properties!.provider === f.provider)!;
    expect(result.message.text).toBe(fail.message);
    // A relative URI reference that resolves back to the file's path, lone surrogate aside.
    const uri = result.locations![0]!.physicalLocation!.artifactLocation!.uri!;
    expect(decodeURIComponent(new URL(uri, 'file:///checkout/').pathname)).toBe(`/checkout/${f.file.replace('\uD800', '\uFFFD')}`);
  });

  it('is valid with no files at all', () => {
    const empty = render({ ...sample, files: [], summary: { files: 0, red: 0, amber: 0, green: 0, invalid: 0, waived: 0, missing: 0 } });
    expectValid(empty);
    expect(empty.runs[0]!.results).toEqual([]);
  });

  it('is pure: the report is unchanged and the output repeatable', () => {
    const before = structuredClone(sample);
    expect(renderSarif(sample, options)).toBe(renderSarif(sample, options));
    expect(sample).toEqual(before);
  });
});

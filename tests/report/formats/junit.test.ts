import { describe, expect, it } from 'vitest';
import { renderJunit } from '../../../src/report/formats/junit.ts';
import type { FileReport, Report, RuleResult } from '../../../src/report/model.ts';
import { auditReport, withoutMissing } from '../../cli/run-cli.ts';
import { validateJunit, xpath } from '../xmllint.ts';

const options = { color: 0, width: 100 } as const;
/** One XPath expression's string value. */
const read = async (xml: string, expression: string) => (await xpath(xml, [expression]))[0]!;
/** Each expression's value as libxml2 reads it, checked in one run; a difference names its expression. */
async function expectRead(xml: string, expected: Record<string, string>): Promise<void> {
  const expressions = Object.keys(expected);
  const values = await xpath(xml, expressions);
  expect(Object.fromEntries(expressions.map((e, i) => [e, values[i]]))).toEqual(expected);
}

const sample = withoutMissing(await auditReport('fixtures/sample'));
const xml = renderJunit(sample, options);

const C0 = Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(i)).join('');
const EVIL = ` ${C0}\uFFFE\uFFFF\uD800 ]]> and ]]> <tag a="1" b='2'> & &amp; %0A\n::error::pwned`;
// What XML 1.0 can carry of EVIL: tab, LF and CR stay, every other C0, U+FFFE, U+FFFF and the lone surrogate become U+FFFD.
const CARRIED = EVIL.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD]/g, '\uFFFD');

function hostile(report: Report): Report {
  const r = structuredClone(report);
  for (const f of r.files) {
    f.file = f.file.replace(/\.yaml$/, `${EVIL}.yaml`);
    f.provider += EVIL;
    f.provider_name = EVIL;
    for (const p of [...f.errors, ...f.warnings]) p.message += EVIL;
    for (const x of f.results) {
      x.message += EVIL;
      x.hint += EVIL;
      x.citation = { ...x.citation, quote: x.citation.quote + EVIL };
      for (const n of x.findings) n.message += EVIL;
    }
  }
  r.files.find((f) => f.status !== 'invalid')!.warnings.push({ code: 'unknown-key', message: `unknown key${EVIL}`, line: 3, column: 1 });
  r.pack.id += EVIL;
  return r;
}

const suiteOf = (f: FileReport) => `//testsuite[@name="${f.file}"]`;
const caseOf = (f: FileReport, rule: string) => `${suiteOf(f)}/testcase[@name="${rule}"]`;
const first = (status: RuleResult['status']) => {
  const file = sample.files.find((f) => f.results.some((r) => r.status === status))!;
  return { file, result: file.results.find((r) => r.status === status)! };
};

describe('renderJunit', () => {
  it('is valid against the Jenkins xUnit JUnit schema', async () => {
    const r = await validateJunit(xml);
    expect(r.stderr).toBe('report.xml validates\n');
    expect(r.ok).toBe(true);
  });

  it('has one suite per evidence file, named by its path, with provider, period and status as properties', async () => {
    const expected: Record<string, string> = { 'count(/testsuites/testsuite)': String(sample.files.length) };
    for (const f of sample.files) {
      expected[`${suiteOf(f)}/@file`] = f.file;
      for (const name of ['provider', 'period', 'status'] as const) expected[`${suiteOf(f)}/properties/property[@name="${name}"]/@value`] = String(f[name]);
    }
    expect(sample.files.length).toBeGreaterThan(0);
    await expectRead(xml, expected);
  });

  it('has one case per rule result, named by rule id and classed by provider.period', async () => {
    const f = sample.files.find((x) => x.status !== 'invalid')!;
    const expected: Record<string, string> = { [`count(${suiteOf(f)}/testcase)`]: String(f.results.length) };
    for (const r of f.results) expected[`${caseOf(f, r.rule)}/@classname`] = `${f.provider}.${f.period}`;
    await expectRead(xml, expected);
  });

  it('makes a fail a failure typed by severity, with the message, location, citation and hint', async () => {
    const { file, result } = first('fail');
    const failure = `${caseOf(file, result.rule)}/failure`;
    const [type, message, text] = await xpath(xml, [`${failure}/@type`, `${failure}/@message`, failure]);
    expect(type).toBe('required');
    expect(message).toBe(result.message);
    expect(text).toContain(`${file.file}:${result.line}:${result.column}: ${result.message}`);
    expect(text).toContain(`Citation: ${result.citation.document}, ${result.citation.section}: ${result.citation.quote}`);
    expect(text).toContain(`How to fix: ${result.hint}`);
  });

  it('makes a warn a failure typed warn, and info and skip a skipped case', async () => {
    const warn = first('warn');
    const info = first('info');
    await expectRead(xml, {
      [`${caseOf(warn.file, warn.result.rule)}/failure/@type`]: 'warn',
      [`${caseOf(info.file, info.result.rule)}/skipped/@message`]: info.result.message,
    });
    const skipped = structuredClone(sample);
    skipped.files[0]!.results[0]!.status = 'skip';
    const f = skipped.files[0]!;
    expect(await read(renderJunit(skipped, options), `${caseOf(f, f.results[0]!.rule)}/skipped/@type`)).toBe('skip');
  });

  it('gives an invalid file one case holding an error with every problem and its location', async () => {
    const invalid = sample.files.filter((x) => x.status === 'invalid');
    expect(invalid.length).toBeGreaterThan(0);
    for (const f of invalid) {
      const [cases, errors, text] = await xpath(xml, [`count(${suiteOf(f)}/testcase)`, `count(${caseOf(f, 'invalid-evidence')}/error)`, `${caseOf(f, 'invalid-evidence')}/error`]);
      expect([cases, errors]).toEqual(['1', '1']);
      for (const e of f.errors) expect(text).toContain(`${f.file}:${e.line}:${e.column}: error: ${e.code}: ${e.message}`);
    }
  });

  it('states counts that agree with the elements, per suite and at the root', async () => {
    const kinds = { tests: 'testcase', failures: 'testcase/failure', errors: 'testcase/error', skipped: 'testcase/skipped' };
    // Each stated count, beside the count of the elements it states.
    const pairs: [string, string][] = [
      ['/testsuites/@tests', 'count(//testcase)'],
      ['/testsuites/@failures', 'count(//failure)'],
      ['/testsuites/@errors', 'count(//error)'],
    ];
    for (let i = 1; i <= sample.files.length; i++) {
      for (const [attribute, element] of Object.entries(kinds)) pairs.push([`/testsuites/testsuite[${i}]/@${attribute}`, `count(/testsuites/testsuite[${i}]/${element})`]);
    }
    const values = await xpath(xml, [...pairs.flat(), 'count(//failure)']);
    const stated = Object.fromEntries(pairs.map(([attribute], n) => [attribute, values[2 * n]]));
    const counted = Object.fromEntries(pairs.map(([attribute], n) => [attribute, values[2 * n + 1]]));
    expect(stated).toEqual(counted);
    expect(Number(values.at(-1))).toBeGreaterThan(0);
  });

  it('survives control characters, U+FFFE, a lone surrogate, ]]> twice and markup in every evidence string', async () => {
    const report = hostile(sample);
    const out = renderJunit(report, options);
    expect((await validateJunit(out)).ok).toBe(true);
    expect(out).not.toContain(']]>');
    expect(out).not.toMatch(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u);
    const f = report.files.find((x) => x.status !== 'invalid' && x.results.some((r) => r.status === 'fail'))!;
    const fail = f.results.find((r) => r.status === 'fail')!;
    const suite = `/testsuites/testsuite[${report.files.indexOf(f) + 1}]`;
    const [name, providerName, message, text] = await xpath(out, [
      `${suite}/@name`,
      `${suite}/properties/property[@name="provider_name"]/@value`,
      `${suite}/testcase[@name="${fail.rule}"]/failure/@message`,
      `${suite}/testcase[@name="${fail.rule}"]/failure`,
    ]);
    expect(name).toBe(f.file.replace(EVIL, CARRIED));
    expect(providerName).toBe(CARRIED);
    expect(message).toBe(fail.message.replace(EVIL, CARRIED));
    expect(text).toContain(`How to fix: ${fail.hint.replace(EVIL, CARRIED)}`);
  });

  it("puts a file's warnings, with their locations, in its suite's system-out", async () => {
    const report = hostile(sample);
    const f = report.files.find((x) => x.warnings.length > 0)!;
    const i = report.files.indexOf(f) + 1;
    expect(await read(renderJunit(report, options), `/testsuites/testsuite[${i}]/system-out`)).toBe(`${f.file}:3:1: warning: unknown-key: unknown key${EVIL}`.replaceAll(EVIL, CARRIED));
  });

  it('is valid with no files at all', async () => {
    const empty = renderJunit({ ...sample, files: [], summary: { files: 0, red: 0, amber: 0, green: 0, invalid: 0, waived: 0, missing: 0 } }, options);
    expect((await validateJunit(empty)).ok).toBe(true);
    expect(await read(empty, '/testsuites/@tests')).toBe('0');
  });
});

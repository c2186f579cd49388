import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderJunit } from '../../../src/report/formats/junit.ts';
import type { FileReport, Report, RuleResult } from '../../../src/report/model.ts';
import { auditReport } from '../../cli/run-cli.ts';

const XSD = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'validators', 'junit', 'jenkins-xunit-junit-10.xsd');
const hasXmllint = spawnSync('xmllint', ['--version']).error === undefined;
const NO_XMLLINT = 'xmllint not installed (apt-get install libxml2-utils); JUnit schema and XPath checks skipped';
const options = { color: 0, width: 100 } as const;

const lint = (args: string[], xml: string) => spawnSync('xmllint', ['--nonet', ...args, '-'], { input: xml, encoding: 'utf8' });
const validate = (xml: string) => lint(['--noout', '--schema', XSD], xml);
// xmllint ends what --xpath prints with a newline of its own.
const xpath = (xml: string, expression: string) => lint(['--xpath', expression], xml).stdout.replace(/\n$/, '');
/** An it() that needs xmllint, skipped with a reason when it is not installed. */
const withXmllint = (name: string, test: () => void) =>
  it(name, ({ skip }) => {
    skip(!hasXmllint, NO_XMLLINT);
    test();
  });

const sample = await auditReport('fixtures/sample');
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
  withXmllint('is valid against the Jenkins xUnit JUnit schema', () => {
    const r = validate(xml);
    expect(r.stderr).toBe('- validates\n');
    expect(r.status).toBe(0);
  });

  withXmllint('has one suite per evidence file, named by its path, with provider, period and status as properties', () => {
    expect(xpath(xml, 'count(/testsuites/testsuite)')).toBe(String(sample.files.length));
    for (const f of sample.files) {
      expect(xpath(xml, `string(${suiteOf(f)}/@file)`)).toBe(f.file);
      for (const name of ['provider', 'period', 'status'] as const) {
        expect(xpath(xml, `string(${suiteOf(f)}/properties/property[@name="${name}"]/@value)`)).toBe(f[name]);
      }
    }
  });

  withXmllint('has one case per rule result, named by rule id and classed by provider.period', () => {
    const f = sample.files.find((x) => x.status !== 'invalid')!;
    expect(xpath(xml, `count(${suiteOf(f)}/testcase)`)).toBe(String(f.results.length));
    for (const r of f.results) expect(xpath(xml, `string(${caseOf(f, r.rule)}/@classname)`)).toBe(`${f.provider}.${f.period}`);
  });

  withXmllint('makes a fail a failure typed by severity, with the message, location, citation and hint', () => {
    const { file, result } = first('fail');
    const failure = `${caseOf(file, result.rule)}/failure`;
    expect(xpath(xml, `string(${failure}/@type)`)).toBe('required');
    expect(xpath(xml, `string(${failure}/@message)`)).toBe(result.message);
    const text = xpath(xml, `string(${failure})`);
    expect(text).toContain(`${file.file}:${result.line}:${result.column}: ${result.message}`);
    expect(text).toContain(`Citation: ${result.citation.document}, ${result.citation.section}: ${result.citation.quote}`);
    expect(text).toContain(`How to fix: ${result.hint}`);
  });

  withXmllint('makes a warn a failure typed warn, and info and skip a skipped case', () => {
    const warn = first('warn');
    expect(xpath(xml, `string(${caseOf(warn.file, warn.result.rule)}/failure/@type)`)).toBe('warn');
    const info = first('info');
    expect(xpath(xml, `string(${caseOf(info.file, info.result.rule)}/skipped/@message)`)).toBe(info.result.message);
    const skipped = structuredClone(sample);
    skipped.files[0]!.results[0]!.status = 'skip';
    const f = skipped.files[0]!;
    expect(xpath(renderJunit(skipped, options), `string(${caseOf(f, f.results[0]!.rule)}/skipped/@type)`)).toBe('skip');
  });

  withXmllint('gives an invalid file one case holding an error with every problem and its location', () => {
    for (const f of sample.files.filter((x) => x.status === 'invalid')) {
      expect(xpath(xml, `count(${suiteOf(f)}/testcase)`)).toBe('1');
      expect(xpath(xml, `count(${caseOf(f, 'invalid-evidence')}/error)`)).toBe('1');
      const text = xpath(xml, `string(${caseOf(f, 'invalid-evidence')}/error)`);
      for (const e of f.errors) expect(text).toContain(`${f.file}:${e.line}:${e.column}: error: ${e.code}: ${e.message}`);
    }
  });

  withXmllint('states counts that agree with the elements, per suite and at the root', () => {
    const kinds = { failures: 'failure', errors: 'error', skipped: 'skipped' };
    for (let i = 1; i <= sample.files.length; i++) {
      const suite = `/testsuites/testsuite[${i}]`;
      expect(xpath(xml, `string(${suite}/@tests)`)).toBe(xpath(xml, `count(${suite}/testcase)`));
      for (const [attribute, element] of Object.entries(kinds)) {
        expect(xpath(xml, `string(${suite}/@${attribute})`)).toBe(xpath(xml, `count(${suite}/testcase/${element})`));
      }
    }
    expect(xpath(xml, 'string(/testsuites/@tests)')).toBe(xpath(xml, 'count(//testcase)'));
    expect(xpath(xml, 'string(/testsuites/@failures)')).toBe(xpath(xml, 'count(//failure)'));
    expect(xpath(xml, 'string(/testsuites/@errors)')).toBe(xpath(xml, 'count(//error)'));
    expect(Number(xpath(xml, 'count(//failure)'))).toBeGreaterThan(0);
  });

  withXmllint('survives control characters, U+FFFE, a lone surrogate, ]]> twice and markup in every evidence string', () => {
    const report = hostile(sample);
    const out = renderJunit(report, options);
    expect(validate(out).status).toBe(0);
    expect(out).not.toContain(']]>');
    expect(out).not.toMatch(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u);
    const f = report.files.find((x) => x.status !== 'invalid' && x.results.some((r) => r.status === 'fail'))!;
    const fail = f.results.find((r) => r.status === 'fail')!;
    const i = report.files.indexOf(f) + 1;
    expect(xpath(out, `string(/testsuites/testsuite[${i}]/@name)`)).toBe(f.file.replace(EVIL, CARRIED));
    expect(xpath(out, `string(/testsuites/testsuite[${i}]/properties/property[@name="provider_name"]/@value)`)).toBe(CARRIED);
    expect(xpath(out, `string(/testsuites/testsuite[${i}]/testcase[@name="${fail.rule}"]/failure/@message)`)).toBe(fail.message.replace(EVIL, CARRIED));
    expect(xpath(out, `string(/testsuites/testsuite[${i}]/testcase[@name="${fail.rule}"]/failure)`)).toContain(`How to fix: ${fail.hint.replace(EVIL, CARRIED)}`);
  });

  withXmllint("puts a file's warnings, with their locations, in its suite's system-out", () => {
    const report = hostile(sample);
    const f = report.files.find((x) => x.warnings.length > 0)!;
    const i = report.files.indexOf(f) + 1;
    expect(xpath(renderJunit(report, options), `string(/testsuites/testsuite[${i}]/system-out)`)).toBe(`${f.file}:3:1: warning: unknown-key: unknown key${EVIL}`.replaceAll(EVIL, CARRIED));
  });

  withXmllint('is valid with no files at all', () => {
    const empty = renderJunit({ ...sample, files: [], summary: { files: 0, red: 0, amber: 0, green: 0, invalid: 0, waived: 0 } }, options);
    expect(validate(empty).status).toBe(0);
    expect(xpath(empty, 'string(/testsuites/@tests)')).toBe('0');
  });

});

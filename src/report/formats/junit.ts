// Report stage: JUnit XML for CI test views (Jenkins `junit`, GitLab `artifacts:reports:junit`): a suite per file, a case per rule.
// Shaped to the Jenkins xUnit plugin's junit-10.xsd, the schema CI servers accept; `testsuites` takes no `skipped` there.
import { escapeXmlAttribute, escapeXmlText } from '../escape/xml.ts';
import type { FileProblem, FileReport, MissingReturn, Report, RuleResult } from '../model.ts';
import { missingWords, registerEntry } from './labels.ts';
import type { Formatter } from './types.ts';

type Outcome = 'passed' | 'failure' | 'error' | 'skipped';
interface TestCase {
  outcome: Outcome;
  xml: string[];
}

const attributes = (pairs: Record<string, string | number | null | undefined>) =>
  Object.entries(pairs)
    .filter((pair): pair is [string, string | number] => pair[1] !== undefined && pair[1] !== null)
    .map(([name, value]) => ` ${name}="${escapeXmlAttribute(String(value))}"`)
    .join('');

const where = (f: FileReport, at: { line: number; column: number }) => `${f.file}:${at.line}:${at.column}`;

// Jenkins groups cases by classname and reads its last dot as package.class, so provider.period shows each
// quarter of a provider as its own class, and two quarters in one run never merge into one case.
const classOf = (f: FileReport) => `${f.provider}.${f.period ?? 'unknown-period'}`;

function citationOf(r: RuleResult): string[] {
  const c = r.citation;
  return [`Citation: ${c.document}, ${c.section}: ${c.quote}`, ...(c.interpretation ? [`Interpretation: ${c.interpretation}`] : [])];
}

function detailsOf(f: FileReport, r: RuleResult, withHint: boolean): string {
  // A result's message already joins its headline findings; each finding's own line helps only when there are several.
  const findings = r.findings.length > 1 ? r.findings.map((n) => `  ${n.status} ${where(f, n)}: ${n.message}`) : [];
  return [`${where(f, r)}: ${r.message}`, ...findings, ...citationOf(r), ...(withHint ? [`How to fix: ${r.hint}`] : [])].join('\n');
}

function element(name: string, attrs: Record<string, string>, body: string): string {
  return `<${name}${attributes(attrs)}>${escapeXmlText(body)}</${name}>`;
}

function ruleCase(f: FileReport, r: RuleResult): TestCase {
  const open = `    <testcase${attributes({ classname: classOf(f), name: r.rule })}`;
  const wrap = (outcome: Outcome, child: string): TestCase => ({ outcome, xml: [`${open}>`, `      ${child}`, '    </testcase>'] });
  switch (r.status) {
    case 'pass':
      return { outcome: 'passed', xml: [`${open}/>`] };
    case 'info':
    case 'skip':
      return wrap('skipped', element('skipped', { message: r.message, type: r.status }, detailsOf(f, r, false)));
    case 'waived':
      return wrap('skipped', element('skipped', { message: `waived: ${r.waiver?.reason ?? ''}`, type: 'waived' }, detailsOf(f, r, false)));
    case 'fail':
      return wrap('failure', element('failure', { message: r.message, type: r.severity }, detailsOf(f, r, true)));
    case 'warn':
      // A warning is a failure, not a passing case with system-out: amber means something to fix, and JUnit
      // consumers surface failures without deciding the build (Jenkins marks it UNSTABLE, amber-coloured;
      // GitLab lists it in the merge request's test summary). Failing the pipeline stays with --fail-on.
      return wrap('failure', element('failure', { message: r.message, type: 'warn' }, detailsOf(f, r, true)));
  }
}

const problemLine = (f: FileReport, p: FileProblem, kind: string) => `${where(f, p)}: ${kind}: ${p.code}: ${p.message}`;

function invalidCase(f: FileReport): TestCase {
  const first = f.errors[0];
  const message = first ? `${f.errors.length} error${f.errors.length === 1 ? '' : 's'}; first: ${first.message}` : 'the file could not be audited';
  const body = f.errors.map((e) => problemLine(f, e, 'error')).join('\n');
  const error = element('error', { message, type: 'invalid-evidence' }, body);
  return { outcome: 'error', xml: [`    <testcase${attributes({ classname: classOf(f), name: 'invalid-evidence' })}>`, `      ${error}`, '    </testcase>'] };
}

function suiteOf(f: FileReport, report: Report): { cases: TestCase[]; xml: string[] } {
  const cases = f.status === 'invalid' ? [invalidCase(f)] : f.results.map((r) => ruleCase(f, r));
  // These tallies describe the elements this document holds, which the schema requires; they are not a verdict.
  const count = (o: Outcome) => cases.filter((c) => c.outcome === o).length;
  const properties: Record<string, string | null | undefined> = {
    provider: f.provider,
    provider_name: f.provider_name,
    period: f.period,
    status: f.status,
    submitted_on: f.submitted_on,
    pack: report.pack.id,
    pack_version: report.pack.version,
    pack_hash: report.pack.hash,
  };
  const props = Object.entries(properties)
    .filter((p): p is [string, string] => typeof p[1] === 'string')
    .map(([name, value]) => `      <property${attributes({ name, value })}/>`);
  const warnings = f.warnings.map((w) => problemLine(f, w, 'warning'));
  return {
    cases,
    xml: [
      `  <testsuite${attributes({ name: f.file, tests: cases.length, failures: count('failure'), errors: count('error'), skipped: count('skipped'), file: f.file })}>`,
      '    <properties>',
      ...props,
      '    </properties>',
      ...cases.flatMap((c) => c.xml),
      ...(warnings.length ? [`    <system-out>${escapeXmlText(warnings.join('\n'))}</system-out>`] : []),
      '  </testsuite>',
    ],
  };
}

/** The register's suite: a failing case per missing return, classed by provider and quarter as a file's cases are. */
function registerSuite(missing: readonly MissingReturn[]): { cases: TestCase[]; xml: string[] } {
  if (missing.length === 0) return { cases: [], xml: [] };
  const cases = missing.map((m): TestCase => {
    const words = missingWords(m, m.period);
    const failure = element('failure', { message: words, type: 'missing-return' }, m.file ? `${registerEntry(m)}: ${words}` : words);
    return { outcome: 'failure', xml: [`    <testcase${attributes({ classname: `${m.provider}.${m.period}`, name: 'return-received' })}>`, `      ${failure}`, '    </testcase>'] };
  });
  const file = missing[0]!.file;
  return {
    cases,
    xml: [`  <testsuite${attributes({ name: 'provider register', tests: cases.length, failures: cases.length, errors: 0, skipped: 0, file })}>`, ...cases.flatMap((c) => c.xml), '  </testsuite>'],
  };
}

export const renderJunit: Formatter = (report) => {
  const suites = [...report.files.map((f) => suiteOf(f, report)), registerSuite(report.missing)];
  const all = suites.flatMap((s) => s.cases);
  const count = (o: Outcome) => all.filter((c) => c.outcome === o).length;
  const root = attributes({ name: `involve ${report.pack.id}`, tests: all.length, failures: count('failure'), errors: count('error') });
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites${root}>`, ...suites.flatMap((s) => s.xml), '</testsuites>'].join('\n');
};

import { describe, expect, it } from 'vitest';
import { renderGithub } from '../../../src/report/formats/github.ts';
import type { FileReport, Report, RuleStatus, Severity } from '../../../src/report/model.ts';
import { auditReport, withoutMissing } from '../../cli/run-cli.ts';

const options = { color: 0, width: 100 } as const;
const sample = withoutMissing(await auditReport('fixtures/sample'));
const output = renderGithub(sample, options);

// The Actions runner's reading of a log line (actions/runner ActionCommand.cs, TryParseV2): a command starts
// the line with `::`, its name and properties end at the next `::`, properties split on `,` and the first `=`.
// .NET's ReadLine ends a line at LF, CR or CRLF.
const lines = (text: string) => text.split(/\r\n|\r|\n/);
const unescape = (s: string, tokens: [string, string][]) => [...tokens, ['%25', '%'] as [string, string]].reduce((v, [from, to]) => v.split(from).join(to), s);
interface Command {
  command: string;
  properties: Record<string, string>;
  data: string;
}
function parse(line: string): Command | undefined {
  const text = line.trim();
  const end = text.indexOf('::', 2);
  if (!text.startsWith('::') || end < 0) return undefined;
  const info = text.slice(2, end);
  const space = info.indexOf(' ');
  const properties: Record<string, string> = {};
  for (const pair of space < 0 ? [] : info.slice(space + 1).split(',')) {
    const eq = pair.indexOf('=');
    if (eq > 0) properties[pair.slice(0, eq)] = unescape(pair.slice(eq + 1), [['%0D', '\r'], ['%0A', '\n'], ['%3A', ':'], ['%2C', ',']]);
  }
  return { command: space < 0 ? info : info.slice(0, space), properties, data: unescape(text.slice(end + 2), [['%0D', '\r'], ['%0A', '\n']]) };
}

const annotated = (s: RuleStatus) => s === 'fail' || s === 'warn' || s === 'info';
const expectedCount = (report: Report) =>
  report.files.reduce((n, f) => n + f.errors.length + f.warnings.length + f.results.filter((r) => annotated(r.status)).length, 0);
const one = (f: FileReport, status: RuleStatus, severity: Severity): Report => ({ ...sample, files: [{ ...f, results: [{ ...f.results[0]!, status, severity }] }] });

describe('renderGithub', () => {
  it('writes one command per fail, warn, info and file problem, then a plain summary line', () => {
    const all = lines(output);
    expect(all).toHaveLength(expectedCount(sample) + 1);
    for (const line of all.slice(0, -1)) {
      const c = parse(line)!;
      expect(['error', 'warning', 'notice']).toContain(c.command);
      expect(Object.keys(c.properties)).toEqual(['file', 'line', 'col', 'title']);
    }
    const s = sample.summary;
    expect(all.at(-1)).toBe(`involve: ${s.files} files audited against pack core version ${sample.pack.version} (hash ${sample.pack.hash}): ${s.green} green, ${s.amber} amber, ${s.red} red, ${s.invalid} invalid`);
    expect(parse(all.at(-1)!)).toBeUndefined();
  });

  it.each<[RuleStatus, Severity, string]>([
    ['fail', 'required', 'error'],
    ['fail', 'recommended', 'warning'],
    ['fail', 'aspirational', 'notice'],
    ['warn', 'required', 'warning'],
    ['info', 'required', 'notice'],
  ])('annotates a %s of a %s rule as %s', (status, severity, command) => {
    const f = sample.files.find((x) => x.status !== 'invalid')!;
    expect(lines(renderGithub(one(f, status, severity), options)).map((l) => parse(l)?.command)).toEqual([command, undefined]);
  });

  it('annotates nothing for a pass or a skip', () => {
    const f = sample.files.find((x) => x.status !== 'invalid')!;
    for (const status of ['pass', 'skip'] as const) expect(lines(renderGithub(one(f, status, 'required'), options))).toHaveLength(1);
  });

  it('puts a failed rule on its line with the message, how to fix it and the citation', () => {
    const f = sample.files.find((x) => x.results.some((r) => r.status === 'fail' && r.severity === 'required'))!;
    const fail = f.results.find((r) => r.status === 'fail')!;
    const c = lines(output).map(parse).find((x) => x?.properties.file === f.file && x.properties.title!.endsWith(fail.rule))!;
    expect(c).toEqual({
      command: 'error',
      properties: { file: f.file, line: String(fail.line), col: String(fail.column), title: `${f.provider} ${f.period}: ${fail.rule}` },
      data: `${fail.message}\nHow to fix: ${fail.hint}\nCitation: ${fail.citation.document}, ${fail.citation.section}`,
    });
  });

  it('makes each error of an invalid file an error annotation where it is', () => {
    for (const f of sample.files.filter((x) => x.status === 'invalid')) {
      const mine = lines(output).map(parse).filter((x) => x?.properties.file === f.file);
      expect(mine).toEqual(f.errors.map((e) => ({
        command: 'error',
        properties: { file: f.file, line: String(e.line), col: String(e.column), title: `${f.provider} ${f.period}: invalid evidence (${e.code})` },
        data: e.message,
      })));
    }
  });

  it('lets no evidence string inject a workflow command', () => {
    const attacks = ['\n::error::pwned', '\r::add-mask::secret', '\r\n::set-output name=x::y', '%0A::stop-commands::t', ' %0D%0A ', '\n##[set-output name=x;]y', ', title=forged:: x'];
    const evil = attacks.join(' ');
    const report = structuredClone(sample);
    for (const f of report.files) {
      f.file = f.file.replace(/\.yaml$/, `, line=1, col=1: a,b:c${evil}.yaml`);
      f.provider += evil;
      f.period = `${f.period}${evil}`;
      for (const p of f.errors) p.message += evil;
      for (const r of f.results) Object.assign(r, { message: r.message + evil, rule: r.rule + evil, hint: r.hint + evil });
    }
    report.files.find((f) => f.status !== 'invalid')!.warnings.push({ code: 'unknown-key', message: evil, line: 2, column: 3 });
    report.pack.id += evil;

    const all = lines(renderGithub(report, options));
    expect(all).toHaveLength(expectedCount(report) + 1);
    for (const line of all) expect(line.trimStart()).not.toMatch(/^##\[/);
    const commands = all.slice(0, -1).map(parse);
    expect(parse(all.at(-1)!)).toBeUndefined();
    // Every command is an annotation we meant, on the file it is about, with nothing forged in or cut off.
    const files = new Set(report.files.map((f) => f.file));
    for (const c of commands) {
      expect(['error', 'warning', 'notice']).toContain(c!.command);
      expect(Object.keys(c!.properties)).toEqual(['file', 'line', 'col', 'title']);
      expect(files.has(c!.properties.file!)).toBe(true);
      expect(c!.properties.title).toContain(evil);
      expect(c!.data).toContain(evil);
    }
  });

});

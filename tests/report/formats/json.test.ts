// The JSON report in pieces (head, each file, tail) is byte for byte the report rendered whole, for any report.
import { describe, expect, it } from 'vitest';
import { JSON_FILE_SEPARATOR, jsonFile, jsonHead, jsonTail, renderJson } from '../../../src/report/formats/json.ts';
import type { Report } from '../../../src/report/model.ts';
import { auditReport } from '../../cli/run-cli.ts';
import { withWaivers } from './with-waivers.ts';

const sample = await auditReport('fixtures/sample/2026-Q3', '--previous', 'fixtures/sample/2026-Q2');
const oneQuarter = await auditReport('fixtures/sample', '--period', '2026-Q2');

/** What a run writing its files out as they come writes: its report keeps none of them. */
function inPieces(report: Report): string {
  const { tool, pack, period } = report;
  const head = jsonHead({ tool, pack, ...(period ? { period } : {}) });
  return head + report.files.map(jsonFile).join(JSON_FILE_SEPARATOR) + jsonTail({ ...report, files: [] });
}

const hostile = (report: Report): Report => {
  const r = structuredClone(report);
  // Text that would trip a renderer cutting the JSON at a marker or at line ends.
  r.files[0]!.provider_name = 'Line one\nline two "quoted" \\ and\u2028 "files": [';
  r.files[0]!.results[0]!.message = '\n  ],\n  "summary": {}';
  const note = r.files.flatMap((f) => f.results).flatMap((x) => [...x.findings, ...x.evidence])[0]!;
  note.data = { text: '"data": {\n  "a": 1\n}', '"data": {': '}', n: -1.5e-7, yes: true };
  return r;
};

describe('the JSON report a file at a time', () => {
  it.each([
    ['the sample, with changes since last quarter', sample],
    ['with waivers in every state', withWaivers(sample)],
    ['with a --period', oneQuarter],
    ['with one file', { ...sample, files: sample.files.slice(0, 1), summary: { ...sample.summary, files: 1 } }],
    ['with no files', { ...sample, files: [], summary: { files: 0, red: 0, amber: 0, green: 0, invalid: 0, waived: 0, missing: 0 } }],
    ['with newlines, quotes and brackets in its text', hostile(sample)],
  ] satisfies [string, Report][])('is the whole report, byte for byte: %s', (_, report) => {
    expect(inPieces(report)).toBe(renderJson(report, { color: 0, width: 100 }));
  });

  it('keeps the data of what is wrong, not of what satisfied a rule, and otherwise reads back as the report', () => {
    const strip = (report: Report): Report => ({
      ...report,
      files: report.files.map((f) => ({ ...f, results: f.results.map((r) => ({ ...r, evidence: r.evidence.map(({ data: _, ...n }) => n), commendations: r.commendations.map(({ data: _, ...n }) => n) })) })),
    }) as Report;
    for (const report of [sample, hostile(sample)]) {
      const parsed = JSON.parse(renderJson(report, { color: 0, width: 100 })) as Report;
      expect(parsed).toEqual(strip(report));
      const results = parsed.files.flatMap((f) => f.results);
      expect(results.flatMap((r) => r.findings).filter((n) => n.data !== undefined).length).toBeGreaterThan(0);
      expect(results.flatMap((r) => [...r.evidence, ...r.commendations]).every((n) => n.data === undefined && n.id !== undefined)).toBe(true);
    }
  });

  it('renders a file the same wherever it is rendered: alone, it is the file as the report indents it', () => {
    const [file] = sample.files;
    expect(JSON.parse(jsonFile(file!))).toEqual(file);
    expect(jsonFile(file!).split('\n').slice(1).every((line) => line.startsWith('    '))).toBe(true);
  });
});

describe('the errors of an invalid file in JSON', () => {
  it('keep their stable fields, and add the path a message says in words', () => {
    const file = JSON.parse(renderJson(sample, { color: 0, width: 100 })).files.find((f: { provider: string }) => f.provider === 'notts-womens-recovery');
    expect(file.errors).toEqual([
      {
        code: 'invalid-value',
        message: '"to" in surveys, item 1 ("First-quarter satisfaction survey") must be a real calendar date written YYYY-MM-DD, got "2026-09-31"',
        line: 33,
        column: 9,
        path: ['surveys', 0, 'to'],
      },
    ]);
  });
});

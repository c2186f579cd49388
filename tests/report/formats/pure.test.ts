// Every format is a pure function of the report (STYLE.md, practice 9): it never changes the report, gives the
// same text every time, and only the table format ever colours anything.
import { describe, expect, it } from 'vitest';
import { FORMAT_NAMES, formats } from '../../../src/report/formats/index.ts';
import { auditReport, withoutMissing } from '../../cli/run-cli.ts';

const report = withoutMissing(await auditReport('fixtures/sample/2026-Q3', '--previous', 'fixtures/sample/2026-Q2'));

describe.each(FORMAT_NAMES)('the %s format', (name) => {
  it('leaves the report as it was and renders it the same every time', async () => {
    const render = await formats[name]();
    const before = structuredClone(report);
    const first = render(report, { color: 0, width: 100 });
    expect(render(report, { color: 0, width: 100 })).toBe(first);
    expect(report).toEqual(before);
    if (name !== 'table') expect(render(report, { color: 3, width: 40 })).not.toMatch(/\u001b/);
  });
});

// Each trend format's exact text for a small case: the fixtures' last two quarters (fixtures/trend/README.md), which
// hold an improvement, a slip, a rule newly failing and one fixed. The expected pages sit beside this file, to read.
import { describe, expect, it } from 'vitest';
import { renderTrendHtml } from '../../../src/report/trend/html.ts';
import { renderTrendJson } from '../../../src/report/trend/json.ts';
import { renderTrendMarkdown } from '../../../src/report/trend/markdown.ts';
import { buildTrend, type Trend } from '../../../src/report/trend/model.ts';
import { renderTrendTable } from '../../../src/report/trend/table.ts';
import { auditReport } from '../../cli/run-cli.ts';

const report = await auditReport('fixtures/trend/returns', '--as-of', '2026-11-01');
// The tool's version is fixed, so a release does not change the expected text.
const trend: Trend = { ...buildTrend(report, { from: '2026-Q2', yearStart: 'april' }), tool: { name: 'involve', version: '1.2.3' } };
const options = { color: 0, width: 100 } as const;

describe('the trend formats on two quarters of the fixtures', () => {
  it('table', async () => {
    await expect(`${renderTrendTable(trend, options)}\n`).toMatchFileSnapshot('expected/two-quarters.table.txt');
  });

  it('markdown', async () => {
    await expect(renderTrendMarkdown(trend, options)).toMatchFileSnapshot('expected/two-quarters.md');
  });

  it('html', async () => {
    await expect(renderTrendHtml(trend, options)).toMatchFileSnapshot('expected/two-quarters.html');
  });

  it('json: the model as it stands, and back', async () => {
    const json = renderTrendJson(trend, options);
    expect(JSON.parse(json)).toEqual(trend);
    expect(Object.keys(JSON.parse(json))).toEqual(['tool', 'pack', 'as_of', 'year_start', 'quarters', 'rules', 'providers', 'changes', 'most_failed', 'judged', 'unplaced']);
    await expect(`${json}\n`).toMatchFileSnapshot('expected/two-quarters.json');
  });

  it('colours only the table, and only when asked', () => {
    expect(renderTrendTable(trend, { ...options, color: 1 })).toMatch(/\u001b\[/);
    for (const render of [renderTrendTable, renderTrendMarkdown, renderTrendHtml, renderTrendJson]) expect(render(trend, options)).not.toMatch(/\u001b/);
  });

  it('says so when the quarters hold no return', () => {
    const empty = { ...trend, providers: [], changes: undefined, most_failed: [] };
    expect(renderTrendTable(empty, options)).toContain('No return was found in these quarters.');
    expect(renderTrendMarkdown(empty, options)).toContain('No return was found in these quarters.');
    expect(renderTrendHtml(empty, options)).toContain('<p>No return was found in these quarters.</p>');
  });
});

describe('the trend formats on hostile names', () => {
  const NAME = "<script>alert(1)</script> | **x** \u001b[31m";
  const hostile: Trend = { ...trend, providers: trend.providers.map((p) => ({ ...p, name: `${NAME}${p.name}` })) };

  it('escape what a return supplies, in each format', () => {
    expect(renderTrendHtml(hostile, options)).not.toContain('<script>');
    expect(renderTrendHtml(hostile, options)).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(renderTrendMarkdown(hostile, options)).toContain('\\<script\\>alert(1)\\</script\\> \\| \\*\\*x\\*\\*');
    expect(renderTrendTable({ ...hostile, providers: hostile.providers.map((p) => ({ ...p, provider: `${p.provider}\u001b[31m` })) }, options)).not.toMatch(/\u001b/);
  });
});

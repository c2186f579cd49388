// The trend's charts: each a figure of inline SVG that nothing can run or load from, with a table saying the same
// numbers; exact for small inputs, hostile names inert, sensible when empty, compact for 1,000 providers.
import { describe, expect, it } from 'vitest';
import { mostFailedChart, providerStripsChart, ragByQuarterChart, type ProviderStrip, type QuarterCounts } from '../../../src/report/charts/index.ts';
import { xmllint, xpath } from '../xmllint.ts';
import { bigStrips, HOSTILE } from './chart-data.ts';

const quarters: QuarterCounts[] = [
  { period: '2026-Q2', label: 'Q1 2026/27', green: 3, amber: 1, red: 2, invalid: 0, missing: 1 },
  { period: '2026-Q3', label: 'Q2 2026/27', green: 1234, amber: 0, red: 5, invalid: 1, missing: 0 },
];
const strips: ProviderStrip[] = [
  { provider: 'lantern', name: 'Lantern Recovery', cells: [{ period: '2026-Q2', label: 'Q1 2026/27', status: 'green' }, { period: '2026-Q3', label: 'Q2 2026/27', status: 'red' }] },
  { provider: 'new-dawn', cells: [{ period: '2026-Q2', label: 'Q1 2026/27', status: null }, { period: '2026-Q3', label: 'Q2 2026/27', status: 'missing' }] },
  { provider: 'harbour', name: 'Harbour', cells: [{ period: '2026-Q3', label: 'Q2 2026/27', status: 'invalid' }, { period: '2026-Q2', label: 'Q1 2026/27', status: 'amber' }] },
];
const rules = [
  { rule: 'charter-displayed', title: 'Charter displayed in every room', failing: 4 },
  { rule: 'feedback-encouraged', title: 'Feedback encouraged', failing: 9 },
  { rule: 'never-fails', title: 'Never fails', failing: 0 },
];

const svgs = (figure: string) => figure.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
const tableRows = (figure: string) => (/<tbody>([\s\S]*?)<\/tbody>/.exec(figure)?.[1] ?? '').match(/<tr>[\s\S]*?<\/tr>/g) ?? [];
const header = (figure: string) => /<thead>([\s\S]*?)<\/thead>/.exec(figure)![1]!;
/** The drawn cells of a strips chart: how many of each fill's squares it paints. */
function cellsByFill(figure: string): Record<string, number> {
  const cells: Record<string, number> = {};
  for (const [, d, fill] of figure.matchAll(/<path d="([^"]*)" fill="([^"]+)"/g)) {
    const key = fill!.replace(/url\(#involve-strips-\w+-\d+-(\w+)\)/, '$1');
    cells[key] = (cells[key] ?? 0) + d!.match(/z/g)!.length;
  }
  return cells;
}

/** Nothing to run and nothing to fetch: no script, no handler, no link, no reference outside the figure. */
function expectSelfContained(figure: string) {
  expect(figure).not.toMatch(/<script|<foreignObject|<image|<use|<a[\s>]|<style|@import|@font-face|\son\w+=|href=|xlink|javascript:/i);
  const ids = [...figure.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
  expect(new Set(ids).size).toBe(ids.length);
  for (const [, target] of figure.matchAll(/url\(([^)]*)\)/g)) expect(ids).toContain(target!.replace(/^#/, ''));
}

describe('RAG counts per quarter', () => {
  const figure = ragByQuarterChart(quarters);

  it('is a figure of one SVG image, named and described, with the same numbers as a table', async () => {
    expect(figure).toMatch(/^<figure class="chart chart-rag"><svg xmlns="http:\/\/www.w3.org\/2000\/svg" role="img" width="[\d.]+" height="[\d.]+" viewBox="0 0 [\d.]+ [\d.]+" style="max-width:100%;height:auto" font-size="11"><title>Returns by status in each quarter<\/title>/);
    expect(svgs(figure)).toHaveLength(1);
    expect(figure).toContain('<desc>Stacked bars, one per quarter. Q1 2026/27: 2 red, 1 amber, 3 green, 0 invalid, 1 no return. Q2 2026/27: 5 red, 0 amber, 1,234 green, 1 invalid, 0 no return.</desc>');
    expect(figure).toContain('<figcaption>Returns by status in each quarter, Q1 2026/27 to Q2 2026/27: each bar is every return due that quarter, red at the foot.</figcaption>');
    expect(header(figure)).toBe('<tr><th scope="col">Quarter</th><th scope="col">Red</th><th scope="col">Amber</th><th scope="col">Green</th><th scope="col">Invalid</th><th scope="col">No return</th><th scope="col">Total</th></tr>');
    expect(tableRows(figure)).toEqual([
      '<tr><th scope="row">Q1 2026/27</th><td>2</td><td>1</td><td>3</td><td>0</td><td>1</td><td>7</td></tr>',
      '<tr><th scope="row">Q2 2026/27</th><td>5</td><td>0</td><td>1,234</td><td>1</td><td>0</td><td>1,240</td></tr>',
    ]);
    expectSelfContained(figure);
    expect((await xmllint(['--noout'], figure)).ok).toBe(true);
  });

  it('draws a segment for each status a quarter has, red at the foot, heights in proportion', () => {
    const small = ragByQuarterChart([quarters[0]!, { ...quarters[1]!, green: 4 }]);
    const [first, second] = [...small.matchAll(/<g><rect[\s\S]*?<\/g>/g)].map((m) => m[0]);
    const segments = (bar: string) => [...bar.matchAll(/<rect x="[\d.]+" y="([\d.]+)" width="44" height="([\d.]+)" (?:fill="url\(#involve-rag-\w+-(\w+)\)"|fill="(#[0-9a-f]+)")/g)].map((m) => ({ y: Number(m[1]), height: Number(m[2]), fill: m[3] ?? m[4] }));
    expect(segments(first!).map((s) => s.fill)).toEqual(['red', 'amber', '#c6e8cc', '#ffffff']);
    expect(segments(second!).map((s) => s.fill)).toEqual(['red', '#c6e8cc', 'invalid']);
    const [red, amber, green] = segments(first!);
    expect(red!.height / amber!.height).toBeCloseTo(2, 1);
    expect(green!.height / amber!.height).toBeCloseTo(3, 1);
    // Stacked: each segment sits on the one below.
    expect(red!.y).toBeCloseTo(amber!.y + amber!.height, 1);
    expect(small).toMatch(/>10<\/text>/);
    // The axis runs to a round step at or above the tallest bar, numbers written with a comma whatever the locale.
    expect(figure).toMatch(/text-anchor="end">1,500<\/text><\/g>/);
    expect(figure).toMatch(/font-weight="600">1,240<\/text>/);
  });

  it('uses the labels it is given, escaped', () => {
    const hostile = ragByQuarterChart([{ ...quarters[0]!, label: HOSTILE }]);
    expect(hostile).not.toContain('<script>');
    expect(hostile).toContain('&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Q1&quot;');
    expectSelfContained(hostile);
  });

  it('says there is nothing to show when there are no quarters, and draws one quarter of zeros', async () => {
    const empty = ragByQuarterChart([]);
    expect(empty).toContain('<desc>No quarters to show.</desc>');
    expect(empty).toContain('<figcaption>Returns by status in each quarter: no quarters to show.</figcaption>');
    expect(tableRows(empty)).toEqual([]);
    expect((await xmllint(['--noout'], empty)).ok).toBe(true);
    const zeros = ragByQuarterChart([{ period: '2026-Q1', label: '2026-Q1', green: 0, amber: 0, red: 0, invalid: 0, missing: 0 }]);
    expect(zeros).not.toMatch(/NaN|Infinity/);
    expect(tableRows(zeros)).toEqual(['<tr><th scope="row">2026-Q1</th><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>']);
  });

  it('is the same for the same data, and gives other data other ids', () => {
    expect(ragByQuarterChart(quarters)).toBe(figure);
    const ids = (f: string) => [...f.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids(ragByQuarterChart(quarters.slice(1)))).not.toEqual(expect.arrayContaining(ids(figure)));
  });
});

describe('each provider’s quarters as a strip', () => {
  const figure = providerStripsChart(strips);

  it('has a row per provider and a column per quarter, in calendar order, by the labels given', async () => {
    expect(svgs(figure)).toHaveLength(1);
    expect(figure).toContain('<title>Each provider’s status by quarter</title><desc>One row per provider (3 providers), one cell per quarter, Q1 2026/27 to Q2 2026/27. In Q2 2026/27: 1 red, 1 invalid, 1 no return.</desc>');
    expect(header(figure)).toBe('<tr><th scope="col">Provider</th><th scope="col">Q1 2026/27</th><th scope="col">Q2 2026/27</th></tr>');
    expect(tableRows(figure)).toEqual([
      '<tr><th scope="row">Lantern Recovery (lantern)</th><td>Green</td><td>Red</td></tr>',
      '<tr><th scope="row">new-dawn</th><td>Not due</td><td>No return</td></tr>',
      '<tr><th scope="row">Harbour (harbour)</th><td>Amber</td><td>Invalid</td></tr>',
    ]);
    // Quarter heads on two lines, the provider's name (or id) beside its row.
    expect(figure).toContain('>Q1<tspan x="');
    expect(figure).toMatch(/text-anchor="end">Lantern Recovery<\/text>.*text-anchor="end">new-dawn<\/text>.*text-anchor="end">Harbour<\/text>/);
    expectSelfContained(figure);
    expect((await xmllint(['--noout'], figure)).ok).toBe(true);
  });

  it('paints as many cells of each status as the table says, and a dotted line where no return was due', () => {
    expect(cellsByFill(figure)).toEqual({ red: 1, amber: 1, '#c6e8cc': 1, invalid: 1, '#ffffff': 1 });
    expect(figure).toMatch(/<path d="M[\d.]+ [\d.]+h40" stroke="#404040" stroke-width="1" stroke-dasharray="1 2"\/>/);
  });

  it('keeps a hostile provider name inert, in the picture and in the table', async () => {
    const hostile = providerStripsChart([{ provider: 'x', name: HOSTILE, cells: [{ period: '2026-Q1', label: HOSTILE, status: 'red' }] }]);
    expect(hostile).not.toMatch(/<script|alert\('x'\)/);
    expect(hostile.match(/&lt;script&gt;alert\(&#39;x&#39;\)&lt;\/script&gt; &amp; &quot;Q1&quot;/g)!.length).toBeGreaterThanOrEqual(4);
    expectSelfContained(hostile);
    expect((await xmllint(['--noout'], hostile)).ok).toBe(true);
  });

  it('cuts a long name in the picture only', () => {
    const long = 'The Very Long Name of a Community Drug and Alcohol Recovery Partnership';
    const f = providerStripsChart([{ provider: 'long', name: long, cells: [{ period: '2026-Q1', label: '2026-Q1', status: 'green' }] }]);
    expect(f).toContain('>The Very Long Name of a Community…</text>');
    expect(f).toContain(`<th scope="row">${long} (long)</th>`);
  });

  it('says there is nothing to show for no providers', async () => {
    const empty = providerStripsChart([]);
    expect(svgs(empty)).toHaveLength(1);
    expect(empty).toContain('<desc>No providers to show.</desc>');
    expect(tableRows(empty)).toEqual([]);
    expect((await xmllint(['--noout'], empty)).ok).toBe(true);
  });

  it('draws twelve quarters for one provider', () => {
    const cells = Array.from({ length: 12 }, (_, i) => ({ period: `${2024 + Math.floor(i / 4)}-Q${(i % 4) + 1}`, label: `Q${(i % 4) + 1} ${2024 + Math.floor(i / 4)}`, status: 'green' as const }));
    const f = providerStripsChart([{ provider: 'one', cells: cells.reverse() }]);
    expect(header(f).match(/<th scope="col">/g)).toHaveLength(13);
    expect(header(f)).toMatch(/^<tr><th scope="col">Provider<\/th><th scope="col">Q1 2024<\/th>.*<th scope="col">Q4 2026<\/th><\/tr>$/);
    expect(cellsByFill(f)).toEqual({ '#c6e8cc': 12 });
  });

  it('stays compact for 1,000 providers × 8 quarters, in pictures of 50 rows a print page can hold', async () => {
    const big = providerStripsChart(bigStrips(1000, 8));
    expect(big.length).toBeLessThan(600_000);
    const pictures = svgs(big);
    expect(pictures).toHaveLength(20);
    expect(pictures[1]).toContain('<title>Each provider’s status by quarter, providers 51 to 100 of 1,000</title>');
    for (const p of pictures) expect(Number(/ height="(\d+)"/.exec(p)![1])).toBeLessThan(700);
    expect(tableRows(big)).toHaveLength(1000);
    expect(Object.values(cellsByFill(big)).reduce((a, b) => a + b, 0) + (big.match(/h40/g)?.length ?? 0)).toBe(8000);
    expectSelfContained(big);
    expect((await xmllint(['--noout'], big)).ok).toBe(true);
  });
});

describe('the rules failing most', () => {
  const figure = mostFailedChart(rules, 12);

  it('shows the rules that fail, the most first, each as a share of the returns judged', async () => {
    expect(figure).toContain('<desc>Horizontal bars, the longest first, each the share of 12 returns judged. Feedback encouraged: 9 of 12 (75%). Charter displayed in every room: 4 of 12 (33%).</desc>');
    expect(figure).toContain('<figcaption>The 2 rules failing most often, out of 12 returns judged.</figcaption>');
    expect(tableRows(figure)).toEqual([
      '<tr><th scope="row">Feedback encouraged (feedback-encouraged)</th><td>9</td><td>12</td><td>75%</td></tr>',
      '<tr><th scope="row">Charter displayed in every room (charter-displayed)</th><td>4</td><td>12</td><td>33%</td></tr>',
    ]);
    const [long, short] = [...figure.matchAll(/<rect x="280" y="[\d.]+" width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(long).toBeCloseTo(225, 1);
    expect(short).toBeCloseTo(100, 1);
    expectSelfContained(figure);
    expect(await xpath(figure, ["//*[local-name()='svg']/*[local-name()='title']"])).toEqual(['The rules failing most across providers']);
  });

  it('counts a rule out of the returns it judged, where it has its own count, on the same scale as the rest', () => {
    const f = mostFailedChart([{ ...rules[0]!, judged: 6 }, rules[1]!], 12);
    expect(tableRows(f)).toEqual([
      '<tr><th scope="row">Feedback encouraged (feedback-encouraged)</th><td>9</td><td>12</td><td>75%</td></tr>',
      '<tr><th scope="row">Charter displayed in every room (charter-displayed)</th><td>4</td><td>6</td><td>67%</td></tr>',
    ]);
    expect(f).toContain('Charter displayed in every room: 4 of 6 (67%).</desc>');
    expect([...f.matchAll(/<rect x="280" y="[\d.]+" width="([\d.]+)"/g)].map((m) => Number(m[1]))).toEqual([225, 100]);
  });

  it('shows at most ten, and says how many more fail', () => {
    const many = Array.from({ length: 14 }, (_, i) => ({ rule: `rule-${String(i).padStart(2, '0')}`, title: `Rule ${i}`, failing: i + 1 }));
    const f = mostFailedChart(many, 5000);
    expect(tableRows(f)).toHaveLength(10);
    expect(tableRows(f)[0]).toBe('<tr><th scope="row">Rule 13 (rule-13)</th><td>14</td><td>5,000</td><td>under 1%</td></tr>');
    expect(f).toContain('<figcaption>The 10 rules failing most often, out of 5,000 returns judged (the 10 failing most of 14).</figcaption>');
  });

  it('keeps a hostile title inert, and says so when nothing failed', async () => {
    const hostile = mostFailedChart([{ rule: HOSTILE, title: HOSTILE, failing: 1 }], 1);
    expect(hostile).not.toMatch(/<script|alert\('x'\)/);
    expectSelfContained(hostile);
    expect((await xmllint(['--noout'], hostile)).ok).toBe(true);
    const none = mostFailedChart([{ rule: 'never-fails', title: 'Never fails', failing: 0 }], 0);
    expect(none).toContain('<figcaption>No rule failed for any of 0 returns judged.</figcaption>');
    expect(tableRows(none)).toEqual([]);
    expect(none).not.toMatch(/NaN|Infinity/);
  });
});

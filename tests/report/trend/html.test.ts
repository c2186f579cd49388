// The trend's HTML in headless Chromium: nothing runs or loads, and printed on A4 no row is cut across two pages and
// each table's head repeats on every page it runs onto. The printed PDF's text is read page by page (pdf-text.ts).
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { renderTrendHtml } from '../../../src/report/trend/html.ts';
import { buildTrend, type Trend } from '../../../src/report/trend/model.ts';
import { QUARTER_WORD } from '../../../src/report/trend/words.ts';
import { auditReport } from '../../cli/run-cli.ts';
import { pdfPages } from '../pdf-text.ts';

const CHROMIUM = '/usr/bin/chromium';
const NO_CHROMIUM = existsSync(CHROMIUM) ? undefined : `${CHROMIUM} not found (apt-get install chromium, as .ci/run does): the trend's browser test is skipped`;
if (NO_CHROMIUM) console.warn(NO_CHROMIUM);

const trend = buildTrend(await auditReport('fixtures/trend/returns', '--as-of', '2026-11-01'), { yearStart: 'april' });
const number = (i: number) => String(i).padStart(3, '0');
// The fixtures' providers over and over, with names long enough to take two lines: tables that run over many pages.
const many: Trend = {
  ...trend,
  providers: Array.from({ length: 90 }, (_, i) => ({ ...trend.providers[i % 4]!, provider: `p-${number(i)}`, name: `Provider ${number(i)} Community Recovery and Wellbeing Service` })),
};
const html = renderTrendHtml(many, { color: 0, width: 100 });

/**
 * 1,000 providers over 8 quarters at their heaviest: long names, every status in turn, and every rule of the pack
 * failing for every provider, each streak passing over a quarter, so every section is as long as it can be.
 */
function thousandProviders(): Trend {
  const quarters = Array.from({ length: 8 }, (_, i) => `${2025 + (i >> 2)}-Q${(i % 4) + 1}`);
  const statuses = ['green', 'amber', 'red', 'invalid', 'missing', 'none'] as const;
  const rules = Array.from({ length: 7 }, (_, i) => ({ id: `rule-number-${i + 1}-of-the-pack`, title: `What rule ${i + 1} of the pack asks of every provider, in words`, severity: 'required' as const }));
  const providers = Array.from({ length: 1000 }, (_, i) => ({
    provider: `provider-${String(i).padStart(4, '0')}-recovery`,
    name: `Provider ${i} Community Drug and Alcohol Recovery and Wellbeing Service`,
    statuses: quarters.map((_, q) => statuses[(i + q) % statuses.length]!),
    streaks: rules.map((r) => ({ rule: r.id, since: quarters[0]!, until: quarters[7]!, quarters: 8, unjudged: [quarters[3]!, quarters[5]!] })),
  }));
  const moves = providers.map((p) => ({ provider: p.provider, name: p.name, previous: p.statuses[6]!, current: p.statuses[7]! }));
  return {
    ...trend,
    quarters: quarters.map((period) => ({ period, label: period, counts: { green: 200, amber: 200, red: 200, invalid: 200, missing: 200 } })),
    rules,
    providers,
    changes: { from: quarters[6]!, to: quarters[7]!, improved: moves.slice(0, 500), slipped: moves.slice(500), rules: providers.flatMap((p) => rules.map((r) => ({ provider: p.provider, rule: r.id, change: 'newly-failing' as const }))) },
    most_failed: rules.map((r) => ({ rule: r.id, title: r.title, failing: 5000, judged: 8000, failing_latest: 1000 })),
    judged: 8000,
  };
}

describe('the trend page', () => {
  it('stays under 5 MB for 1,000 providers over 8 quarters at their heaviest', () => {
    const bytes = Buffer.byteLength(renderTrendHtml(thousandProviders(), { color: 0, width: 100 }));
    if (process.env.SHOW_SIZE) console.log(bytes);
    expect(bytes).toBeLessThan(5 * 1024 * 1024);
  });

  it('has no script, no external file, and a status word in every cell', () => {
    // The charts fill shapes with patterns of their own (url(#…)); nothing else is referred to.
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\((?!#)|\ssrc=|href=/i);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
    const cells = [...html.matchAll(/<td class="f-(\w+)">([^<]*)<\/td>/g)];
    expect(cells).toHaveLength(90 * 5);
    for (const [, status, word] of cells) expect(word).toBe(QUARTER_WORD[status as keyof typeof QUARTER_WORD].replace('—', '—'));
  });

  it.skipIf(NO_CHROMIUM)('shows its charts in Chromium, and prints on A4 with no row cut across pages and each table head repeated', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'involve-trend-html-'));
    const file = join(dir, 'trend.html');
    writeFileSync(file, html);
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'], timeout: 90_000 });
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      page.on('request', (r) => r.url() !== pathToFileURL(file).href && requests.push(r.url()));
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      expect(await page.evaluate(() => document.scripts.length)).toBe(0);
      // The three charts, the providers' strips drawn as pictures of 50 providers each.
      expect(await page.locator('figure.chart-rag svg').count()).toBe(1);
      expect(await page.locator('figure.chart-strips svg').count()).toBe(2);
      expect(await page.locator('figure.chart-rules svg').count()).toBe(1);
      expect(requests).toEqual([]);
      const pages = pdfPages(await page.pdf({ preferCSSPageSize: true }));
      expect(pages.length).toBeGreaterThan(3);

      // The status table's lines from its caption on (the charts above it name the providers too), with their pages.
      const lines = pages.flatMap((p, page) => p.map((text) => ({ page, text })));
      const table = lines.slice(lines.findIndex((l) => l.text === 'Each provider’s overall status in each quarter'));
      const pageOf = (test: (text: string) => boolean) => table.find((l) => test(l.text))!.page;
      // A row's name and the id under it are two lines of one cell: a row cut across pages would part them.
      for (let i = 0; i < 90; i++) {
        expect(pageOf((l) => l === `p-${number(i)}`), `row ${i}`).toBe(pageOf((l) => l.startsWith(`Provider ${number(i)} `)));
      }
      // The table runs from its caption's page to its last row's; each of those pages starts it with its head.
      const [first, last] = [table[0]!.page, pageOf((l) => l === `p-${number(89)}`)];
      expect(last).toBeGreaterThan(first + 1);
      for (let p = first; p <= last; p++) {
        const onPage = table.filter((l) => l.page === p).map((l) => l.text);
        const head = onPage.indexOf('Provider');
        expect(head, `page ${p + 1}`).toBeGreaterThanOrEqual(0);
        expect(onPage.slice(head + 1, head + 6)).toEqual(many.quarters.map((q) => q.label));
      }
    } finally {
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 200_000);
});

// The three charts in headless Chromium, as a page of the trend's HTML would hold them: they draw, nothing runs,
// and in print, turned to greyscale, each status's fill is still a different shade from every other's.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mostFailedChart, providerStripsChart, ragByQuarterChart } from '../../../src/report/charts/index.ts';
import { STATUS_COLOURS } from '../../../src/report/formats/labels.ts';
import { bigStrips, countsOf, HOSTILE } from './chart-data.ts';

const CHROMIUM = '/usr/bin/chromium';
const NO_CHROMIUM = existsSync(CHROMIUM) ? undefined : `${CHROMIUM} not found (apt-get install chromium, as .ci/run does): the charts' browser test is skipped`;
if (NO_CHROMIUM) console.warn(NO_CHROMIUM);

const strips = bigStrips(120, 8);
strips[0]!.name = HOSTILE;
const page = `<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>Charts</title><style>body{font:15px/1.45 Arial,sans-serif;margin:0 auto;max-width:1000px}</style></head><body>
${ragByQuarterChart(countsOf(strips, 8))}
${providerStripsChart(strips)}
${mostFailedChart([{ rule: 'charter-displayed', title: HOSTILE, failing: 40 }, { rule: 'feedback', title: 'Feedback encouraged', failing: 25 }], 120)}
</body></html>`;

const STATUSES = ['red', 'amber', 'green', 'invalid', 'missing'] as const;
// A4 less the HTML report's 12 mm side and 14 mm top and bottom margins, in CSS pixels (96 to the inch).
const PRINT_WIDTH = Math.floor(((210 - 24) / 25.4) * 96);
const PRINT_HEIGHT = Math.floor(((297 - 28) / 25.4) * 96);

/** The mean luminance (0 black to 1 white) of a PNG, read back by the browser's own decoder in a blank page. */
async function meanLuminance(reader: Page, png: Buffer): Promise<number> {
  return reader.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    [canvas.width, canvas.height] = [image.width, image.height];
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0);
    const { data } = context.getImageData(0, 0, image.width, image.height);
    let sum = 0;
    for (let i = 0; i < data.length; i += 4) sum += (0.2126 * data[i]! + 0.7152 * data[i + 1]! + 0.0722 * data[i + 2]!) / 255;
    return sum / (data.length / 4);
  }, png.toString('base64'));
}

describe.skipIf(NO_CHROMIUM)('the charts in headless Chromium', () => {
  let browser: Browser;
  let dir: string;
  let url: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'involve-charts-'));
    writeFileSync(join(dir, 'charts.html'), page);
    url = pathToFileURL(join(dir, 'charts.html')).href;
    // playwright-core drives the system's Chromium, in a fresh profile of its own, with the network left alone.
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      timeout: 90_000,
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('draws every picture at a size, with a name, and runs nothing', async () => {
    const tab = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const dialogs: string[] = [];
    tab.on('dialog', (dialog) => { dialogs.push(dialog.message()); void dialog.dismiss(); });
    const failed: string[] = [];
    tab.on('requestfailed', (request) => failed.push(request.url()));
    tab.on('request', (request) => { if (request.url() !== url) failed.push(request.url()); });
    await tab.goto(url, { waitUntil: 'load' });
    const pictures = await tab.$$eval('svg', (all) => all.map((svg) => {
      const box = svg.getBoundingClientRect();
      return { width: box.width, height: box.height, role: svg.getAttribute('role'), title: svg.querySelector(':scope > title')?.textContent ?? '' };
    }));
    // The RAG chart, three pictures of strips (50, 50 and 20 providers) and the rules.
    expect(pictures).toHaveLength(5);
    for (const p of pictures) {
      expect(p.width).toBeGreaterThan(200);
      expect(p.height).toBeGreaterThan(20);
      expect(p.role).toBe('img');
      expect(p.title).not.toBe('');
    }
    expect(await tab.evaluate(() => document.scripts.length)).toBe(0);
    expect(await tab.content()).not.toMatch(/<script/i);
    expect(await tab.locator('figure.chart-strips svg').first().locator('text[text-anchor="end"]').first().textContent()).toBe(HOSTILE);
    expect(await tab.locator('figure.chart-strips details tbody th').first().textContent()).toBe(`${HOSTILE} (provider-0000)`);
    expect(dialogs).toEqual([]);
    expect(failed).toEqual([]);
    await tab.close();
  }, 120_000);

  it('prints each picture within an A4 page, and in greyscale each status is a shade of its own', async () => {
    const tab = await browser.newPage({ viewport: { width: PRINT_WIDTH, height: PRINT_HEIGHT }, deviceScaleFactor: 2 });
    const reader = await browser.newPage();
    await tab.goto(url, { waitUntil: 'load' });
    await tab.emulateMedia({ media: 'print' });
    await tab.addStyleTag({ content: 'html{filter:grayscale(1)}' });
    for (const height of await tab.$$eval('svg', (all) => all.map((svg) => svg.getBoundingClientRect().height))) expect(height).toBeLessThan(PRINT_HEIGHT);

    // The legend's swatches of the RAG chart and of the strips, and the tallest segment of each status in the bars:
    // each sampled inside its outline, so the mean is the fill's shade.
    const shades = async (selector: string) => {
      const boxes = await tab.$$eval(selector, (rects) => rects.map((r) => { const b = r.getBoundingClientRect(); return { x: b.x, y: b.y + window.scrollY, width: b.width, height: b.height }; }));
      const means: number[] = [];
      for (const b of boxes) {
        await tab.evaluate((y) => window.scrollTo(0, y - 100), b.y);
        const scroll = await tab.evaluate(() => window.scrollY);
        const png = await tab.screenshot({ clip: { x: b.x + 2, y: b.y - scroll + 2, width: b.width - 4, height: b.height - 4 } });
        means.push(await meanLuminance(reader, png));
      }
      return means;
    };
    const legends = [await shades('figure.chart-rag svg > g:first-of-type > rect'), await shades('figure.chart-strips svg:first-of-type > g:first-of-type > rect')];
    const segments = await tab.$$eval('figure.chart-rag g > g > rect[width="44"]', (rects) => rects.map((r) => ({ fill: r.getAttribute('fill')!, height: r.getBoundingClientRect().height })));
    const statusOf = (fill: string) => /-(\w+)\)$/.exec(fill)?.[1] ?? (fill === STATUS_COLOURS.green.tint ? 'green' : fill === STATUS_COLOURS.none.tint ? 'missing' : fill);
    const tallest = STATUSES.map((s) => segments.map((x, i) => ({ ...x, i })).filter((x) => statusOf(x.fill) === s).sort((a, b) => b.height - a.height)[0]!.i);
    const bars = await shades('figure.chart-rag g > g > rect[width="44"]');
    for (const means of [...legends, tallest.map((i) => bars[i]!)]) {
      expect(means).toHaveLength(STATUSES.length);
      const shade = Object.fromEntries(STATUSES.map((s, i) => [s, means[i]!]));
      // From light to dark: no return, green, amber, invalid, red; each at least 6% of the range from its neighbour.
      const order = [shade.missing!, shade.green!, shade.amber!, shade.invalid!, shade.red!];
      for (let i = 1; i < order.length; i++) expect(order[i - 1]! - order[i]!, `${JSON.stringify(shade)}`).toBeGreaterThan(0.06);
    }
    await tab.close();
    await reader.close();
  }, 180_000);
});

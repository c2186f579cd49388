// The review's HTML in headless Chromium: nothing runs or loads, and printed to PDF it is A4 with the running header
// on every page and no table row cut across a page break (tests/report/pdf-text.ts reads the pages back).
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfPages as pdfLines } from '../pdf-text.ts';

/** Each page's text as one string, its lines joined by spaces. */
const pdfPages = (pdf: Buffer) => pdfLines(pdf).map((lines) => lines.join(' '));
import { review } from './review-cli.ts';

const CHROMIUM = '/usr/bin/chromium';
const NO_CHROMIUM = existsSync(CHROMIUM) ? undefined : `${CHROMIUM} not found (apt-get install chromium, as .ci/run does): the review's browser test is skipped`;
if (NO_CHROMIUM) console.warn(NO_CHROMIUM);

// Five quarters, so the dossier runs to several pages.
const { stdout: html } = await review('riverside-recovery', '--format', 'html', '--from', '2025-Q4', '--to', '2026-Q4');
const HEADER = 'Contract review · Riverside Recovery Service (riverside-recovery) · 2025-Q4 to 2026-Q4';
// NFKC: Chromium draws ligatures (ﬁ) whose text is the one ligature character.
const compact = (text: string) => text.normalize('NFKC').replace(/\s+/g, '');

describe('the review as HTML', () => {
  it('is one self-contained page with no script, nothing to load, and every status in words', () => {
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(|\ssrc=|href=|\son\w+=/i);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
    expect(html).toContain('<title>Contract review: Riverside Recovery Service (riverside-recovery), 2025-Q4 to 2026-Q4</title>');
    expect(html).toContain('@page{size:A4;');
    // Greyscale: each coloured chip carries its word.
    for (const chip of html.match(/<span class="s [qr]-[a-z-]+">(?:<span aria-hidden="true">[^<]*<\/span>)?[^<]*<\/span>/g) ?? []) expect(chip).toMatch(/Green|Amber|Red|Invalid|Missing|No return|Not due|Pass|Fail|Warn|Info|Skip|Waived|No result/);
  });
});

/** The text of every table row that holds no other table, as laid out for print. */
async function printedRows(browser: Browser, page: string): Promise<{ rows: string[]; pdf: Buffer; breakInside: string[]; scripts: number }> {
  const tab = await browser.newPage();
  try {
    await tab.setContent(page, { waitUntil: 'load' });
    await tab.emulateMedia({ media: 'print' });
    const rows = await tab.$$eval('tr', (trs) => trs.filter((tr) => !tr.querySelector('table')).map((tr) => (tr as HTMLElement).innerText));
    const breakInside = await tab.$$eval('.t tbody tr, .rule', (els) => [...new Set(els.map((e) => getComputedStyle(e).breakInside))]);
    const scripts = await tab.evaluate(() => document.scripts.length);
    const pdf = await tab.pdf({ preferCSSPageSize: true });
    return { rows, pdf, breakInside, scripts };
  } finally {
    await tab.close();
  }
}

/** Rows whose text is on no single page: cut by a page break. */
const cutRows = (rows: string[], pages: string[]) => rows.filter((row) => !pages.some((p) => compact(p).includes(compact(row))));

describe.skipIf(NO_CHROMIUM)('the review printed by Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'], timeout: 90_000 });
  }, 120_000);
  afterAll(async () => browser?.close());

  it('runs no script, on A4, with the provider and quarters heading every page and no row cut', async () => {
    const { rows, pdf, breakInside, scripts } = await printedRows(browser, html);
    expect(scripts).toBe(0);
    expect(breakInside).toEqual(['avoid']);
    const pages = pdfPages(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    // A4 is 595 × 842 points.
    for (const [, w, h] of pdf.toString('latin1').matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)) expect([Math.round(Number(w)), Math.round(Number(h))]).toEqual([595, 842]);
    for (const [i, page] of pages.entries()) expect(compact(page).startsWith(compact(HEADER)), `page ${i + 1}`).toBe(true);
    expect(rows.length).toBeGreaterThan(40);
    expect(cutRows(rows, pages)).toEqual([]);
    // Without its print rule the same dossier has rows cut, so the check above is of something.
    const loose = await printedRows(browser, html.replace('.t tr,.rule,li{break-inside:avoid}', ''));
    expect(loose.breakInside).toEqual(['auto']);
    expect(cutRows(loose.rows, pdfPages(loose.pdf)).length).toBeGreaterThan(0);
  }, 120_000);

  it('finds a cut row when rows may break (the check can fail)', async () => {
    const tall = Array.from({ length: 30 }, (_, i) => `<tr><td>row ${i} starts</td><td>${Array.from({ length: 8 }, (_, j) => `line ${j} of row ${i}`).join('<br>')} ends</td></tr>`).join('');
    const page = `<!DOCTYPE html><html><head><style>@page{size:A4;margin:12mm}</style></head><body><table>${tall}</table></body></html>`;
    const { rows, pdf } = await printedRows(browser, page);
    expect(cutRows(rows, pdfPages(pdf)).length).toBeGreaterThan(0);
    const whole = await printedRows(browser, page.replace('</style>', 'tr{break-inside:avoid}</style>'));
    expect(cutRows(whole.rows, pdfPages(whole.pdf))).toEqual([]);
  }, 120_000);
});

import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../../src/report/formats/html.ts';
import type { Report } from '../../../src/report/model.ts';
import { auditReport, withoutMissing } from '../../cli/run-cli.ts';
import { withWaivers } from './with-waivers.ts';

const CHROMIUM = '/usr/bin/chromium';
const NO_CHROMIUM = existsSync(CHROMIUM) ? undefined : `${CHROMIUM} not found (apt-get install chromium, as .ci/run does): the HTML report's browser test is skipped`;
if (NO_CHROMIUM) console.warn(NO_CHROMIUM);
const options = { color: 0, width: 100 } as const;

const report = withoutMissing(await auditReport('fixtures/sample/2026-Q3', '--previous', 'fixtures/sample/2026-Q2'));
const html = renderHtml(report, options);

const ALLOWED_TAGS = new Set('html head meta title style body header main footer section h1 h2 h3 h4 p ul ol li table caption thead tbody tr th td span strong abbr a br blockquote div'.split(' '));
/** Every tag in the page with its attribute names: a sound parse here, because every attribute value is quoted and escaped. */
const tags = (page: string) =>
  [...page.replace(/^<!DOCTYPE html>/, '').replace(/<style>[\s\S]*?<\/style>/, '<style></style>').matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z-]+(?:="[^"]*")?)*)\s*\/?>/g)].map((m) => ({
    name: m[1]!.toLowerCase(),
    attributes: [...m[2]!.matchAll(/\s+([a-zA-Z-]+)(?:="[^"]*")?/g)].map((a) => a[1]!.toLowerCase()),
  }));
const text = (fragment: string) => fragment.replace(/<[^>]+>/g, '').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const rows = (page: string, tableClass: string) => (new RegExp(`<table class="${tableClass}">[\\s\\S]*?</table>`).exec(page)?.[0] ?? '').match(/<tr>[\s\S]*?<\/tr>/g) ?? [];

// WCAG 2.2 relative luminance and contrast ratio, written out here rather than trusted from the module.
const luminance = (hex: string) => {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
};
const contrast = (a: string, b: string) => { const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x); return (hi! + 0.05) / (lo! + 0.05); };

describe('the HTML report of the sample', () => {
  it('is one self-contained page in British English that nothing can run or load from', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en-GB">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(|\ssrc=|href="(?!#)/i);
    for (const tag of tags(html)) {
      expect(ALLOWED_TAGS, tag.name).toContain(tag.name);
      for (const attribute of tag.attributes) expect(attribute).not.toMatch(/^on/);
    }
  });

  it('names the pack, the quarter and the day it was judged at, and keeps its headings in order', () => {
    expect(html).toContain('<title>Involvement audit: Core involvement checks, 2026-Q3</title>');
    expect(html).toContain(`audited against the rule pack Core involvement checks (core), version ${report.pack.version} (hash ${report.pack.hash}), as of ${report.as_of}.</p>`);
    const levels = [...html.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));
    expect(levels[0]).toBe(1);
    expect(levels.filter((l) => l === 1)).toHaveLength(1);
    levels.forEach((level, i) => i > 0 && expect(level, `heading ${i}`).toBeLessThanOrEqual(levels[i - 1]! + 1));
  });

  it('counts returns by RAG status beside last quarter’s', () => {
    for (const [word, key] of [['Red', 'red'], ['Amber', 'amber'], ['Green', 'green'], ['Invalid', 'invalid']] as const) {
      expect(html).toContain(`<li class="f-${key}"><strong>${report.summary[key]}</strong><span class="w">${word}</span><br><span>last quarter ${report.changes!.previous.summary[key]}</span></li>`);
    }
  });

  it('has a providers × rules heatmap with a caption, scoped headers and every status in words', () => {
    expect(html).toContain('<caption>Each provider’s result on each rule of the core pack, 2026-Q3</caption>');
    const [head, ...body] = rows(html, 'matrix');
    expect(head!.match(/<th scope="col">/g)).toHaveLength(report.rules.length + 2);
    expect(body).toHaveLength(report.files.length);
    for (const row of body) {
      expect(row).toMatch(/^<tr><th scope="row">/);
      const cells = [...row.matchAll(/<td[^>]*?(?: colspan="(\d+)")?>([\s\S]*?)<\/td>/g)];
      expect(cells.reduce((n, c) => n + Number(c[1] ?? 1), 0)).toBe(report.rules.length + 1);
      for (const [, , content] of cells.slice(1)) expect(text(content!)).toMatch(/Pass|Fail|Warn|Info|Skip|Not audited/);
    }
    const trent = report.files.find((f) => f.provider === 'trent-house-rehab')!;
    const words = { pass: '✓ Pass', fail: '✗ Fail', warn: '! Warn', info: 'i Info', skip: '– Skip', waived: 'w Waived' };
    const expected = report.rules.map((rule) => { const { status } = trent.results.find((r) => r.rule === rule.id)!; return `<td class="c r-${status}">${words[status]}</td>`; });
    expect(body.find((r) => r.includes('trent-house-rehab'))!.replace(/<span aria-hidden="true">(.)<\/span>/g, '$1')).toContain(`<td class="c f-red"><strong>Red</strong></td>${expected.join('')}`);
  });

  it('uses dark text on light tints, every pair well past WCAG AA contrast', () => {
    const pairs = [...html.matchAll(/background:(#[0-9a-f]{6});color:(#[0-9a-f]{6})/g)];
    expect(pairs.length).toBeGreaterThanOrEqual(10);
    for (const [rule, background, colour] of pairs) expect(contrast(background!, colour!), rule).toBeGreaterThanOrEqual(7);
    // The secondary grey is used on white and on the table headers' grey.
    expect(html).toContain('.muted,.rid,.at{color:#4d4d4d}');
    expect(html).toContain('thead th{background:#e8e8e8}');
    expect(contrast('#e8e8e8', '#4d4d4d')).toBeGreaterThanOrEqual(4.5);
  });

  it('prints on A4 with each provider on a page of its own', () => {
    expect(html).toMatch(/@page\{size:A4/);
    expect(html).toMatch(/@media print\{[^]*\.provider\{break-before:page/);
    expect(html.match(/<section class="provider"/g)).toHaveLength(report.files.length);
  });

  it('pictures each provider’s status across the quarters, in words as well as colour', () => {
    const [head, ...body] = rows(html, 'history');
    expect(head).toContain('<th scope="col">2026-Q2</th><th scope="col">2026-Q3</th>');
    expect(body).toHaveLength(report.history.providers.length);
    expect(body.find((r) => r.includes('Oxford Hospitals Alcohol Liaison Service'))).toContain('<span class="chip f-green">Green</span></td><td><span class="chip f-red">Red</span>');
    expect(body.find((r) => r.includes('Street Outreach'))).toContain('<span class="chip f-none">No return</span>');
    expect(html).toContain('<ol class="trail" aria-label="Status by quarter">');
  });

  it('gives each failing or warning rule its finding, position, policy citation and hint', () => {
    const failing = report.files.flatMap((f) => f.results.filter((r) => r.status === 'fail' || r.status === 'warn'));
    expect(html.match(/<div class="finding /g)).toHaveLength(failing.length);
    expect(html).toContain('the involvement lead&#39;s name &quot;TBC&quot; is a placeholder, not a person <span class="at">line 16, column 3</span>');
    for (const r of failing) {
      expect(text(html)).toContain(`Policy: ${r.citation.document}, section ${r.citation.section}:`);
      expect(text(html)).toContain(`How to put it right: ${r.hint}`);
    }
  });

  it('shows commendations, changes since last quarter and the errors of invalid files', () => {
    expect(text(html)).toContain('★ rung 7 (Initiating) reached: Members started a Sunday recovery football session (2026-07-19)');
    for (const heading of ['Changes since last quarter', 'Status moves', 'Newly failing', 'Fixed', 'Still failing', 'New providers', 'Did not submit']) {
      expect(html).toMatch(new RegExp(`<h[23]>${heading}</h[23]>`));
    }
    expect(html).toContain('&quot;to&quot; in surveys, item 1 (&quot;First-quarter satisfaction survey&quot;) must be a real calendar date written YYYY-MM-DD, got &quot;2026-09-31&quot; <span class="at">line 33, column 9</span>');
  });

  it('labels quarters as the report does, for a financial year from April', () => {
    const labelled = renderHtml({ ...report, period_labels: { '2026-Q2': 'Q1 2026/27', '2026-Q3': 'Q2 2026/27' } }, options);
    expect(labelled).toContain('<h1>Involvement audit: Core involvement checks, Q2 2026/27</h1>');
    expect(labelled).toContain('<th scope="col">Provider</th><th scope="col">Q1 2026/27</th><th scope="col">Q2 2026/27</th>');
    expect(labelled).toContain('<li><span>Q1 2026/27</span><span class="chip f-red">Red</span></li>');
  });

  it('has no changes section without --previous, and names every quarter of a two-quarter run', async () => {
    const both = renderHtml(await auditReport('fixtures/sample/2026-Q2', 'fixtures/sample/2026-Q3'), options);
    expect(both).toContain('<h1>Involvement audit: Core involvement checks, 2026-Q2 and 2026-Q3</h1>');
    expect(both).toContain('<th scope="col">Provider</th><th scope="col">Quarter</th><th scope="col">Status</th>');
    expect(both).toMatch(/<th scope="row"><a href="#p0">Nottingham Criminal Justice Drug and Alcohol Service<\/a><span class="pid">notts-cjs<\/span><\/th><td class="q">2026-Q2<\/td>/);
    expect(both).not.toContain('Changes since last quarter');
  });

});

describe('the HTML report with waivers', () => {
  const waived = renderHtml(withWaivers(report), options);

  it('shows a waived result as waived in the heatmap and on the provider’s page, with who, why and until when', () => {
    expect(rows(waived, 'matrix').find((r) => r.includes('trent-house-rehab'))).toContain('<td class="c r-waived"><span aria-hidden="true">w</span> Waived</td>');
    expect(waived).toMatch(/<h3>Waived by the commissioner<\/h3>\s*<div class="finding r-waived">/);
    expect(waived).toContain('<p><strong>Waived</strong> until 2026-12-31 by A. Commissioner: Charter reprint delayed by the printer</p>');
    expect(waived).toContain('<p>1 rule result was waived by the commissioner and counted towards no status.</p>');
  });

  it('says when a waiver has lapsed and the failure stands', () => {
    expect(waived).toContain('<p><strong>Waiver lapsed</strong> on 2026-09-30, so the failure stands (approved by A. Commissioner: Lead on leave).</p>');
  });

  it('lists every waiver with its state in a table of its own', () => {
    const [head, ...body] = rows(waived, 'waivers');
    expect(head!.match(/<th scope="col">/g)).toHaveLength(7);
    expect(body).toHaveLength(4);
    expect(body[0]).toBe('<tr><th scope="row">Trent House Residential Rehabilitation<span class="pid">trent-house-rehab</span></th><td>charter-displayed</td><td>2026-Q3</td><td>A. Commissioner</td><td>2026-12-31</td><td>Applied</td><td>Charter reprint delayed by the printer</td></tr>');
    expect(body.map((r) => /<td>([^<]*)<\/td><td>[^<]*<\/td><\/tr>$/.exec(r)![1])).toEqual(['Applied', 'Lapsed: the failure stands', 'Nothing left to waive: remove it', 'For 2026-Q2; this report covers 2026-Q3']);
    expect(waived).toContain(`<caption>Each waiver and what it did, as judged on ${report.as_of}</caption>`);
    expect(html).not.toContain('<h2>Waivers</h2>');
  });
});

describe('the HTML report of hostile evidence', () => {
  const NAME = "<script>document.title='pwned'</script><script>alert(1)</script>";
  const MESSAGE = '| [x](javascript:alert(1)) ![](http://x) <img src=x onerror=alert(1)>\n# heading " onmouseover="alert(1)" \' x=\'';
  const EDITED = new Set(['message', 'hint', 'title', 'file', 'source', 'document', 'section', 'quote', 'period', 'submitted_on', 'reason', 'approved_by', 'expires']);

  // Every string an evidence file or a pack can supply is made hostile; rule ids, statuses and positions stay as the model has them.
  function hostile(clean: Report): Report {
    const walk = (value: unknown, key: string): unknown => {
      if (typeof value === 'string') {
        if (key === 'provider_name') return `${NAME} ${value}`;
        if (key === 'provider' || key === 'new_providers' || key === 'not_submitted') return `${value}<b onclick="x">`;
        return EDITED.has(key) ? `${value} ${MESSAGE}` : value;
      }
      if (Array.isArray(value)) return value.map((v) => walk(v, key));
      if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
      return value;
    };
    const r = walk(clean, '') as Report;
    r.files[1]!.warnings.push({ code: 'unknown-key', message: MESSAGE, line: 3, column: 1 });
    return r;
  }
  const evil = renderHtml(hostile(withWaivers(report)), options);

  it('shows the hostile text escaped, in text and attributes alike', () => {
    expect(evil).toContain('&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(evil).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(evil).toMatch(/<abbr title="[^"<>]*&quot; onmouseover=&quot;alert\(1\)&quot;/);
  });

  it('has no script, image, event handler or link as markup', () => {
    expect(evil).not.toMatch(/<script|<img|<b /i);
    for (const tag of tags(evil)) {
      expect(ALLOWED_TAGS, tag.name).toContain(tag.name);
      for (const attribute of tag.attributes) expect(attribute).not.toMatch(/^on/);
    }
    expect([...evil.matchAll(/href="([^"]*)"/g)].every((m) => /^#p\d+$/.test(m[1]!))).toBe(true);
  });

  it.skipIf(NO_CHROMIUM)('renders in headless Chromium as text, with nothing run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'involve-html-'));
    const file = join(dir, 'report.html');
    writeFileSync(file, evil);
    // playwright-core drives the system's Chromium, in a fresh profile of its own, with the network left alone.
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      timeout: 90_000,
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 2000 } });
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      const dom = await page.content();
      expect(dom).toContain('<caption>Each provider’s result on each rule of the core pack, 2026-Q3');
      expect(dom).toMatch(/<title>Involvement audit: Core involvement checks/);
      expect(dom).not.toContain('<title>pwned</title>');
      expect(dom).toContain("&lt;script&gt;document.title='pwned'&lt;/script&gt;");
      expect(dom).not.toMatch(/<script|<img|onerror=alert\(1\)>/i);
      expect(dom.match(/<section class="provider"/g)).toHaveLength(report.files.length);
      expect(await page.title()).toMatch(/^Involvement audit: Core involvement checks/);
      expect(await page.evaluate(() => document.scripts.length)).toBe(0);
      expect(dialogs).toEqual([]);

      const png = await page.screenshot({ path: join(dir, 'report.png') });
      expect(png.length).toBeGreaterThan(10_000);
      expect(png.subarray(1, 4).toString()).toBe('PNG');
    } finally {
      await browser.close();
      if (!process.env.KEEP_HTML_REPORT) rmSync(dir, { recursive: true, force: true });
    }
  }, 200_000);
});

// The cross-format guarantee: a provider's text can never act in any of the seven formats. Hostile strings go
// into a real evidence folder (provider, site, survey, activity, claim and signer names, an unknown key, a file
// name, a previous quarter), are audited by the built CLI as a user runs it, and each output is read the way
// its consumer reads it: a terminal, a browser's tag parser, a Markdown table, libxml2 with the Jenkins XSD,
// a SARIF viewer's JSON, the GitHub Actions runner's line-by-line command parser. The per-format tests under
// formats/ and escape/ feed hand-made reports; this one proves the path from a file on disk to each output.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import type { Log } from 'sarif';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import type { Report } from '../../src/report/model.ts';
import { showValue } from '../../src/validate/zod-issues.ts';
import { validateJunit, xpath } from './xmllint.ts';

const repo = join(import.meta.dirname, '..', '..');
const example = join(repo, 'fixtures', 'examples', '2026-Q3');
/** The OASIS errata 01 schema (draft-04); both packages are CommonJS, hence `.default`. */
function sarifValidator() {
  const ajv = new ajvDraft04.default({ strict: false, allErrors: true });
  ajvFormats.default(ajv);
  return ajv.compile(JSON.parse(readFileSync(join(repo, 'fixtures', 'validators', 'sarif', 'sarif-schema-2.1.0.json'), 'utf8')));
}

// Written as YAML double-quoted escapes, because the loader refuses raw control characters in the source
// (rightly) but YAML's escapes are how a provider's tool can still get them into a value.
const ATTACKS_YAML = [
  // Terminal: CSI colour and clear screen, an OSC title, an OSC 8 hyperlink, 8-bit CSI and DCS, NEL.
  String.raw`\e[31mRED\e[0m \e[2J\e[H \e]0;pwned title\a \e]8;;http://evil.example/\e\\click me\e]8;;\e\\ \x9b2J \x90dcs\x9c NEL\u0085`,
  // C0 and DEL, bidirectional override, non-characters, a lone surrogate, tab and CR.
  String.raw`\0 \x01 \x07 \x08 \x0b \x0c \x1f \x7f \u202eRLO\u202c \uFFFE \uFFFF \ud800 lone \t tab \r CR`,
  // HTML: elements, an event handler, quotes breaking out of an attribute.
  String.raw`<script>alert(1)</script> <img src=x onerror=alert(2)> \" onmouseover=\"alert(3) ' onfocus='alert(4)`,
  // Markdown: a table cell break, a javascript: link, an image, a heading on a line of its own, inline markup.
  String.raw`| cell | break | [link](javascript:alert(5)) ![img](http://evil.example/p.png) \n# Heading\n **bold** _em_ ${'`code`'} <b>raw</b> www.evil.example`,
  // XML: end of CDATA, entities.
  String.raw`]]> &amp; & < >`,
  // GitHub workflow commands, raw and pre-escaped.
  String.raw`\n::error::pwned %0A::warning::forged \r::set-output name=x::y \r\n::add-mask::secret %25 %3A %2C`,
].join(' ');
/** The value the YAML above decodes to: what every format must make safe. */
const ATTACKS = (YAML.parse(`x: "${ATTACKS_YAML}"`) as { x: string }).x;
const hostile = (label: string) => `"${label} ${ATTACKS_YAML}"`;

// A file name carries no YAML escapes: everything but `/` and NUL can be in it.
const HOSTILE_FILE = 'hostile \u001b[31m\u001b]0;t\u0007<b onclick="x">|[x](javascript:y)| ]]> & %0A\r\n::error::pwned \u202e.yaml';

// Any C0 control but LF, DEL, any C1 control (7-bit ESC and BEL included), and bidirectional overrides.
const TERMINAL_UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
// Tab is harmless in a log; HTML also keeps the characters its parser reads as white space (FF, CR).
const LOG_UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const HTML_UNSAFE = /[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const SGR = /\u001b\[[0-9;]*m/g;

let root: string;
const outputs: Record<string, string> = {};
let report: Report;

/** Decodes as a strict reader does: a byte sequence that is not UTF-8 fails here rather than becoming U+FFFD. */
const utf8 = (bytes: Buffer) => new TextDecoder('utf-8', { fatal: true }).decode(bytes);

function involve(args: string[]): string {
  const run = spawnSync(process.execPath, [join(repo, 'bin', 'involve.js'), ...args], { cwd: root, env: { PATH: process.env.PATH ?? '' }, timeout: 60_000 });
  const stderr = run.stderr.toString();
  if (run.signal || run.status !== 1) throw new Error(`involve ${args.join(' ')} ended ${run.signal ?? run.status}: ${stderr}`);
  return utf8(run.stdout);
}

beforeAll(() => {
  // bin/involve.js runs dist/; rebuild when src/ is newer.
  execFileSync(process.execPath, ['scripts/build.mjs', '--if-needed'], { cwd: repo, stdio: 'pipe' });
  root = mkdtempSync(join(tmpdir(), 'involve-safety-'));
  const text = readFileSync(join(example, 'smart-cjs.yaml'), 'utf8');
  const returnOf = (id: string, period: string, roomsShown = 6) =>
    text
      .replace('id: smart-cjs', `id: ${id}`)
      .replace('period: 2026-Q3', `period: ${period}`)
      .replace('name: SMART Criminal Justice Service', `name: ${hostile('Hostile Provider')}`)
      .replace('contract: OXDAAT-CJS-2024', `contract: ${hostile('Hostile Contract')}`)
      .replace('by: Sam Patel, Service Manager', `by: ${hostile('Hostile Signer')}`)
      .replace('site: Oxford hub', `site: ${hostile('Hostile Site')}`)
      .replace('rooms_displaying_charter: 6', `rooms_displaying_charter: ${roomsShown}`)
      .replace('title: Quarterly service user satisfaction survey', `title: ${hostile('Hostile Survey')}`)
      .replace('activity: Recruitment interview panel', `activity: ${hostile('Hostile Claim')}`)
      .replace(/activity: Mentors run .*/, `activity: ${hostile('Hostile Activity')}`);
  for (const period of ['2026-Q2', '2026-Q3']) {
    const dir = join(root, 'evidence', period);
    mkdirSync(dir, { recursive: true });
    for (const sub of ['photos', 'policies', 'reports']) cpSync(join(example, sub), join(dir, sub), { recursive: true });
    const q3 = period === '2026-Q3';
    // Green both quarters; red (a room short) only this quarter, so it is newly failing; invalid with an unknown key.
    writeFileSync(join(dir, 'hostile-green.yaml'), returnOf('hostile-green', period));
    writeFileSync(join(dir, HOSTILE_FILE), returnOf('hostile-red', period, q3 ? 5 : 6));
    writeFileSync(join(dir, 'hostile-invalid.yaml'), `${returnOf('hostile-invalid', period).replace('kind: satisfaction', `kind: ${hostile('satisfaction')}`)}${hostile('Hostile Key')}: 1\n`);
  }
  const out = join(root, 'out');
  const common = ['audit', 'evidence/2026-Q3', '--previous', 'evidence/2026-Q2', '--as-of', '2026-11-01'];
  const reports = ['table', 'json', 'markdown', 'html', 'junit', 'sarif'].flatMap((f) => ['--report', `${f}=${join(out, f)}`]);
  outputs.github = involve([...common, '--format', 'github', ...reports]);
  for (const f of readdirSync(out)) outputs[f] = utf8(readFileSync(join(out, f)));
  outputs.colourTable = involve([...common, '--format', 'table', '--color']);
  // One file: the table's other layout, with every rule, its evidence and commendations.
  outputs.oneFile = involve(['audit', join('evidence', '2026-Q3', HOSTILE_FILE), '--format', 'table', '--color', '--report', `table=${join(out, 'one-file')}`]);
  outputs.oneFilePlain = utf8(readFileSync(join(out, 'one-file')));
  report = JSON.parse(outputs.json!) as Report;
}, 120_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

const byProvider = (id: string) => report.files.find((f) => f.provider === id)!;

describe('the hostile evidence reaches the report untouched', () => {
  it('holds every attack character, decoded by the loader as written', () => {
    for (const c of ['\u001b', '\u0007', '\u009b', '\u0090', '\u0085', '\u0000', '\u007f', '\u202e', '\uFFFE', '\uD800', '\r', '\n', '\t']) expect(ATTACKS).toContain(c);
  });

  it('audits the three returns green, red and invalid, with the strings exactly as the file holds them', () => {
    expect(report.files.map((f) => [f.provider, f.status])).toEqual([
      ['hostile-red', 'red'],
      ['hostile-green', 'green'],
      ['hostile-invalid', 'invalid'],
    ]);
    expect(byProvider('hostile-green').provider_name).toBe(`Hostile Provider ${ATTACKS}`);
    const red = byProvider('hostile-red');
    expect(red.file).toBe(`evidence/2026-Q3/${HOSTILE_FILE}`);
    expect(red.results.find((r) => r.rule === 'charter-displayed')).toMatchObject({ status: 'fail', message: expect.stringContaining(`Hostile Site ${ATTACKS}`) });
    // A key is quoted with every control character written as an escape, so the warning stays one visible line.
    expect(byProvider('hostile-invalid').warnings[0]!.message).toBe(`unknown field ${showValue(`Hostile Key ${ATTACKS}`)}; it is ignored`);
    expect(report.changes!.rules.some((c) => c.change === 'newly-failing' && c.message.includes(ATTACKS))).toBe(true);
  });
});

describe('table', () => {
  it.each(['table', 'oneFilePlain'])('%s: no control character, escape or bidirectional override reaches the terminal', (name) => {
    const text = outputs[name]!;
    expect(text).not.toMatch(TERMINAL_UNSAFE);
    expect(text).toContain('Hostile Site');
    expect(text).toContain('<script>alert(1)</script>');
  });

  it.each(['colourTable', 'oneFile'])('%s: with colour forced, the only escapes are its own SGR colours', (name) => {
    const text = outputs[name]!;
    expect(text).toMatch(SGR);
    expect(text.replace(SGR, '')).not.toMatch(TERMINAL_UNSAFE);
  });

  it.each(['table', 'oneFilePlain'])('%s: a value stays on its line: only the format\'s own wrapping, indented, continues it', (name) => {
    for (const line of outputs[name]!.split('\n')) expect(line).not.toMatch(/^(::|#|\]\]>|%0A|\*\*bold)/);
  });
});

/** Each tag of an HTML page, read strictly: anything that is not a well-formed tag with quoted attributes fails. */
function htmlTags(page: string): { name: string; attributes: [string, string][] }[] {
  const styles = page.match(/<style>[\s\S]*?<\/style>/g) ?? [];
  expect(styles).toHaveLength(1);
  expect(styles[0]!.slice('<style>'.length, -'</style>'.length)).not.toMatch(/</);
  const body = page.replace(/^<!DOCTYPE html>\n/, '').replace(styles[0]!, '<style></style>');
  const tags: { name: string; attributes: [string, string][] }[] = [];
  const TAG = /<(\/?)([a-z][a-z0-9]*)((?:\s+[a-z][a-z-]*(?:="[^"<>]*")?)*)\s*>/y;
  for (let at = 0; at < body.length; ) {
    const lt = body.indexOf('<', at);
    const text = body.slice(at, lt < 0 ? body.length : lt);
    // Text between tags: no stray markup, and every & begins an entity.
    expect(text).not.toMatch(/>/);
    expect(text.replace(/&(?:amp|lt|gt|quot|#39|#\d+);/g, '')).not.toMatch(/&/);
    if (lt < 0) break;
    TAG.lastIndex = lt;
    const m = TAG.exec(body);
    expect(m, `not a well-formed tag at ${JSON.stringify(body.slice(lt, lt + 60))}`).not.toBeNull();
    const attributes = [...m![3]!.matchAll(/\s+([a-z][a-z-]*)(?:="([^"]*)")?/g)].map((a) => [a[1]!, a[2] ?? ''] as [string, string]);
    for (const [, value] of attributes) expect(value.replace(/&(?:amp|lt|gt|quot|#39|#\d+);/g, '')).not.toMatch(/&/);
    tags.push({ name: m![2]!, attributes });
    at = TAG.lastIndex;
  }
  return tags;
}

const decodeHtml = (text: string) =>
  text.replace(/<[^>]+>/g, '').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe('html', () => {
  const ELEMENTS = new Set('html head meta title style body header main footer section h1 h2 h3 h4 p ul ol li table caption thead tbody tr th td span strong abbr a br blockquote div'.split(' '));
  const ATTRIBUTES = new Set('lang charset http-equiv content name class id href scope colspan title aria-label aria-hidden'.split(' '));

  it('holds only the elements and attributes the format writes: nothing injected', () => {
    const tags = htmlTags(outputs.html!);
    expect(tags.length).toBeGreaterThan(100);
    for (const { name, attributes } of tags) {
      expect(ELEMENTS, name).toContain(name);
      for (const [attribute, value] of attributes) {
        expect(ATTRIBUTES, `${name} ${attribute}`).toContain(attribute);
        if (attribute === 'href') expect(value).toMatch(/^#p\d+$/);
        if (attribute === 'id') expect(value).toMatch(/^p\d+$/);
      }
    }
    expect(tags.filter((t) => t.name === 'meta' && t.attributes.some(([a, v]) => a === 'http-equiv' && v === 'Content-Security-Policy'))).toHaveLength(1);
  });

  it('shows the attacks as text, with no control character or bidirectional override', () => {
    expect(outputs.html).not.toMatch(HTML_UNSAFE);
    const text = decodeHtml(outputs.html!);
    for (const shown of ['<script>alert(1)</script>', '<img src=x onerror=alert(2)>', '" onmouseover="alert(3)', "' onfocus='alert(4)", '[link](javascript:alert(5))', ']]> &amp; & < >']) {
      expect(text).toContain(shown);
    }
  });
});

/** GFM table rows: runs of lines starting with a pipe. */
const mdTables = (text: string) => text.split(/\n(?!\|)/).map((block) => block.split('\n').filter((l) => l.startsWith('|'))).filter((t) => t.length > 0);
/** Cell separators as a GFM reader counts them: pipes not taken by a backslash escape. */
const pipes = (line: string) => (line.replace(/\\[\s\S]/g, '').match(/\|/g) ?? []).length;
/** What a CommonMark reader could still read as markup once every backslash escape is taken out. */
const unescapedMarkdown = (text: string) => text.replace(/\\[!-/:-@[-`{-~]/g, '');

describe('markdown', () => {
  it('keeps every table row to its header’s column count', () => {
    const tables = mdTables(outputs.markdown!);
    expect(tables.length).toBeGreaterThanOrEqual(2);
    for (const table of tables) for (const line of table) expect(pipes(line), line).toBe(pipes(table[0]!));
  });

  it('lets no link, image, autolink, code span or HTML survive', () => {
    const bare = unescapedMarkdown(outputs.markdown!);
    expect(bare).not.toMatch(/[<>[\]`]|:\/\/|www\./);
    expect(outputs.markdown).toContain('\\<script\\>alert(1)\\</script\\>');
  });

  it('starts a heading only where the format does, and has no control character', () => {
    const headings = outputs.markdown!.split('\n').filter((l) => /^\s{0,3}#/.test(l));
    for (const h of headings) {
      expect(h).toMatch(/^(# Involvement audit: |## [A-Z][a-z ,]+$|### (Status moves|Newly failing|Fixed|Still failing)$|### (Red|Amber|Green|Invalid): |### .+, 2026-Q3$)/);
      expect(h).not.toMatch(/^#+ Heading/);
    }
    expect(outputs.markdown).not.toMatch(TERMINAL_UNSAFE);
  });
});

const XML_CHAR = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;

/** Well-formedness read strictly, without a parser: legal characters, balanced tags, quoted attributes, entities only. */
function expectWellFormedXml(xml: string): void {
  expect(xml).toMatch(XML_CHAR);
  const ENTITY = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;
  const body = xml.replace(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n/, '');
  const stack: string[] = [];
  const TOKEN = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"<]*")*)\s*(\/?)>|([^<]+)/y;
  let roots = 0;
  for (let at = 0; at < body.length; ) {
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(body);
    expect(m, `not XML at ${JSON.stringify(body.slice(at, at + 60))}`).not.toBeNull();
    const [, close, name, attrs, selfClosing, text] = m!;
    if (text !== undefined) {
      expect(text.replace(ENTITY, '')).not.toMatch(/[&>]/);
      if (stack.length === 0) expect(text.trim()).toBe('');
    } else {
      expect(attrs!.replace(ENTITY, '')).not.toMatch(/&/);
      if (close) expect(stack.pop()).toBe(name);
      else {
        if (stack.length === 0) roots++;
        if (!selfClosing) stack.push(name!);
      }
    }
    at = TOKEN.lastIndex;
  }
  expect(stack).toEqual([]);
  expect(roots).toBe(1);
}

describe('junit', () => {
  it('is well-formed XML 1.0, read strictly', () => {
    expectWellFormedXml(outputs.junit!);
  });

  it('is well-formed for libxml2 and valid against the Jenkins xUnit JUnit schema', async () => {
    const lint = await validateJunit(outputs.junit!);
    expect(lint.stderr).toBe('report.xml validates\n');
    expect(lint.ok).toBe(true);
  });

  it('carries the file name and provider name back out as XML can hold them', async () => {
    const red = byProvider('hostile-red');
    const asXml = (s: string) => s.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD');
    const suite = '//testsuite[properties/property[@name="provider" and @value="hostile-red"]]';
    expect(await xpath(outputs.junit!, [`${suite}/@file`, `${suite}/properties/property[@name="provider_name"]/@value`])).toEqual([asXml(red.file), asXml(red.provider_name!)]);
  });
});

describe('sarif', () => {
  it('is valid JSON and valid SARIF 2.1.0', () => {
    const log = JSON.parse(outputs.sarif!) as Log;
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it('carries every message and file path back out exactly as the evidence has them', () => {
    const results = (JSON.parse(outputs.sarif!) as Log).runs[0]!.results!;
    let compared = 0;
    for (const f of report.files) {
      const mine = results.filter((r) => (r.properties as { provider?: string }).provider === f.provider);
      const expected = [...f.errors, ...f.warnings, ...f.results.filter((r) => r.status !== 'pass' && r.status !== 'skip')].map((x) => x.message);
      expect(mine.map((r) => r.message.text)).toEqual(expected);
      for (const r of mine) {
        const uri = r.locations![0]!.physicalLocation!.artifactLocation!.uri!;
        expect(decodeURIComponent(uri)).toBe(f.file);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(4);
    expect(outputs.sarif).toContain('\\u001b]8;;http://evil.example/');
  });
});

// The Actions runner's reading of a log line (actions/runner ActionCommand.cs, TryParseV2): a command is a line
// that starts with `::` once trimmed; its name and properties end at the next `::`; properties split on `,` and
// the first `=`. .NET's ReadLine ends a line at LF, CR or CRLF.
function parseCommand(line: string): { command: string; properties: Record<string, string>; data: string } | undefined {
  const text = line.trim();
  const end = text.indexOf('::', 2);
  if (!text.startsWith('::') || end < 0) return undefined;
  const info = text.slice(2, end);
  const space = info.indexOf(' ');
  const unescape = (s: string, tokens: [string, string][]) => [...tokens, ['%25', '%'] as [string, string]].reduce((v, [from, to]) => v.split(from).join(to), s);
  const properties: Record<string, string> = {};
  for (const pair of space < 0 ? [] : info.slice(space + 1).split(',')) {
    const eq = pair.indexOf('=');
    properties[pair.slice(0, eq)] = unescape(pair.slice(eq + 1), [['%0D', '\r'], ['%0A', '\n'], ['%3A', ':'], ['%2C', ',']]);
  }
  return { command: space < 0 ? info : info.slice(0, space), properties, data: unescape(text.slice(end + 2), [['%0D', '\r'], ['%0A', '\n']]) };
}

describe('github', () => {
  const lines = () => outputs.github!.replace(/\n$/, '').split(/\r\n|\r|\n/);

  it('writes exactly one annotation per line for each thing to act on, then its own summary line', () => {
    const all = lines();
    const expected = report.files.reduce((n, f) => n + f.errors.length + f.warnings.length + f.results.filter((r) => ['fail', 'warn', 'info', 'waived'].includes(r.status)).length, 0);
    expect(all).toHaveLength(expected + 1);
    expect(all.at(-1)).toBe(`involve: 3 files audited against pack core version 2026-12 (hash ${report.pack.hash}): 1 green, 0 amber, 1 red, 1 invalid`);
    expect(parseCommand(all.at(-1)!)).toBeUndefined();
    for (const line of all.slice(0, -1)) {
      const c = parseCommand(line);
      expect(c, line).toBeDefined();
      expect(['error', 'warning', 'notice']).toContain(c!.command);
      expect(Object.keys(c!.properties)).toEqual(['file', 'line', 'col', 'title']);
    }
  });

  it('forges no command, and the attacks come back out as the annotation text', () => {
    const commands = lines().slice(0, -1).map((l) => parseCommand(l)!);
    const red = commands.find((c) => c.properties.title === 'hostile-red 2026-Q3: charter-displayed')!;
    expect(red.command).toBe('error');
    expect(red.data).toContain('<script>alert(1)</script>');
    expect(red.data).toContain('\n::error::pwned %0A::warning::forged');
    expect(red.data).toContain('::set-output name=x::y');
    // The path as the runner gets it back, less the escapes it could not show.
    expect(red.properties.file).toBe(`evidence/2026-Q3/hostile <b onclick="x">|[x](javascript:y)| ]]> & %0A\r\n::error::pwned .yaml`);
  });

  it('sends the log no terminal escape: CR and LF only ever as %0D and %0A', () => {
    expect(outputs.github).not.toMatch(LOG_UNSAFE);
    expect(outputs.github!.replace(/\n$/, '')).not.toMatch(/\r/);
  });
});

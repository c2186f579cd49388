// Test helper: the text on each page of a PDF that headless Chromium printed, so a test can see where a page ends.
// Only as much of PDF as Chromium's printer (Skia) writes: objects with Flate streams, a tree of pages, Type0 fonts
// with a ToUnicode map, and glyphs shown as hex strings with Tj or TJ. Each text object (BT … ET) becomes a line,
// its ligatures (ﬁ) undone.
import { inflateSync } from 'node:zlib';

interface PdfObject {
  dict: string;
  stream?: string;
}

function objectsOf(pdf: Buffer): Map<string, PdfObject> {
  const text = pdf.toString('latin1');
  const objects = new Map<string, PdfObject>();
  for (const m of text.matchAll(/(?:^|\n)(\d+) 0 obj\s*([\s\S]*?)\nendobj/g)) {
    const body = m[2]!;
    const at = body.search(/\bstream\r?\n/);
    if (at < 0) {
      objects.set(m[1]!, { dict: body });
      continue;
    }
    const dict = body.slice(0, at);
    const start = at + body.slice(at).indexOf('\n') + 1;
    const raw = Buffer.from(body.slice(start, start + Number(/\/Length (\d+)/.exec(dict)![1])), 'latin1');
    objects.set(m[1]!, { dict, stream: (/FlateDecode/.test(dict) ? inflateSync(raw) : raw).toString('latin1') });
  }
  return objects;
}

const ref = (dict: string, key: string) => new RegExp(`/${key} (\\d+) 0 R`).exec(dict)?.[1];
const hexCodes = (hex: string) => hex.match(/[0-9A-Fa-f]{4}/g)?.map((h) => parseInt(h, 16)) ?? [];
const utf16 = (hex: string) => String.fromCharCode(...hexCodes(hex));

/** A ToUnicode CMap's glyph → text, from its bfchar and bfrange sections. */
function cmapOf(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, from, to] of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(parseInt(from!, 16), utf16(to!));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo, hi, to] of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      const first = hexCodes(to!);
      for (let code = parseInt(lo!, 16), i = 0; code <= parseInt(hi!, 16); code++, i++) map.set(code, String.fromCharCode(...first.slice(0, -1), first.at(-1)! + i));
    }
  }
  return map;
}

/** Each page's lines of text, pages in order. */
export function pdfPages(pdf: Buffer): string[][] {
  const objects = objectsOf(pdf);
  const catalog = [...objects.values()].find((o) => /\/Type \/Catalog/.test(o.dict))!;
  const pages: PdfObject[] = [];
  const walk = (id: string) => {
    const node = objects.get(id)!;
    if (/\/Type \/Pages/.test(node.dict)) for (const [, kid] of /\/Kids \[([^\]]*)\]/.exec(node.dict)![1]!.matchAll(/(\d+) 0 R/g)) walk(kid!);
    else pages.push(node);
  };
  walk(ref(catalog.dict, 'Pages')!);
  const cmaps = new Map<string, Map<number, string>>();
  return pages.map((page) => {
    const fonts = new Map([...(/\/Font <<([^>]*)>>/.exec(page.dict)?.[1] ?? '').matchAll(/\/(\w+) (\d+) 0 R/g)].map(([, name, id]) => [name!, id!]));
    const contents = (/\/Contents \[([^\]]*)\]/.exec(page.dict)?.[1] ?? ref(page.dict, 'Contents')! + ' 0 R').match(/\d+(?= 0 R)/g)!;
    const lines: string[] = [];
    let cmap = new Map<number, string>();
    for (const id of contents) {
      for (const [token, font, hex, array] of objects.get(id)!.stream!.matchAll(/\/(\w+) [\d.]+ Tf|<([0-9A-Fa-f]*)> Tj|\[([^\]]*)\] TJ|\bBT\b/g)) {
        if (token === 'BT') lines.push('');
        else if (font) {
          const fontId = fonts.get(font)!;
          if (!cmaps.has(fontId)) cmaps.set(fontId, cmapOf(objects.get(ref(objects.get(fontId)!.dict, 'ToUnicode')!)!.stream!));
          cmap = cmaps.get(fontId)!;
        } else {
          const glyphs = hex !== undefined ? hexCodes(hex) : [...array!.matchAll(/<([0-9A-Fa-f]*)>/g)].flatMap((m) => hexCodes(m[1]!));
          lines[lines.length - 1] += glyphs.map((g) => cmap.get(g) ?? '').join('');
        }
      }
    }
    return lines.filter((l) => l.length > 0).map((l) => l.normalize('NFKC'));
  });
}

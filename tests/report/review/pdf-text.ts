// Test helper: the text on each page of a PDF that Chromium (Skia) prints, enough to see what landed on which page.
// Skia writes each page's content as one Flate stream of hex glyph strings in Type0 fonts with ToUnicode maps.
import { inflateSync } from 'node:zlib';

interface PdfObject {
  dict: string;
  stream?: Buffer;
}

function objectsOf(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  for (const m of text.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
    const body = m[2]!;
    const at = body.indexOf('stream');
    if (at < 0) {
      objects.set(Number(m[1]), { dict: body });
      continue;
    }
    const dict = body.slice(0, at);
    let start = m.index + m[0].indexOf(body) + at + 'stream'.length;
    if (text[start] === '\r') start++;
    if (text[start] === '\n') start++;
    const raw = pdf.subarray(start, start + Number(/\/Length (\d+)/.exec(dict)![1]));
    objects.set(Number(m[1]), { dict, stream: /FlateDecode/.test(dict) ? inflateSync(raw) : raw });
  }
  return objects;
}

const hex = (s: string) => parseInt(s, 16);

/** A ToUnicode CMap's glyph → text, from its bfchar and bfrange sections. */
function cmapOf(source: string): Map<number, string> {
  const map = new Map<number, string>();
  const chars = (h: string) => String.fromCodePoint(...(h.match(/.{4}/g) ?? []).map(hex));
  for (const block of source.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, from, to] of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(hex(from!), chars(to!));
  }
  for (const block of source.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo, hi, to] of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      for (let g = hex(lo!), c = hex(to!); g <= hex(hi!); g++, c++) map.set(g, String.fromCodePoint(c));
    }
  }
  return map;
}

/** Each page's text, in page order; each shown string is followed by a space. */
export function pdfPages(pdf: Buffer): string[] {
  const objects = objectsOf(pdf);
  const ref = (dict: string, key: string) => Number(new RegExp(`/${key} (\\d+) 0 R`).exec(dict)?.[1]);
  // The page tree: Skia makes it more than one level deep once a document has more than a few pages.
  const leaves = (node: PdfObject): PdfObject[] =>
    /\/Type \/Pages\b/.test(node.dict) ? [.../\/Kids \[([^\]]*)\]/.exec(node.dict)![1]!.matchAll(/(\d+) 0 R/g)].flatMap((m) => leaves(objects.get(Number(m[1]))!)) : [node];
  const root = [...objects.values()].find((o) => /\/Type \/Pages\b/.test(o.dict) && !/\/Parent /.test(o.dict))!;
  return leaves(root).map((page) => {
    const fonts = new Map<string, Map<number, string>>();
    for (const [, name, id] of (/\/Font <<([^>]*)>>/.exec(page.dict)?.[1] ?? '').matchAll(/\/(\w+) (\d+) 0 R/g)) {
      const unicode = ref(objects.get(Number(id))!.dict, 'ToUnicode');
      fonts.set(name!, cmapOf(objects.get(unicode)?.stream?.toString('latin1') ?? ''));
    }
    const content = objects.get(ref(page.dict, 'Contents'))!.stream!.toString('latin1');
    let font = new Map<number, string>();
    const out: string[] = [];
    for (const m of content.matchAll(/\/(\w+) [\d.]+ Tf|<([0-9A-Fa-f]*)> Tj|\[([^\]]*)\] TJ/g)) {
      if (m[1]) font = fonts.get(m[1]) ?? new Map();
      const shown = m[2] ?? [...(m[3] ?? '').matchAll(/<([0-9A-Fa-f]*)>/g)].map((x) => x[1]).join('');
      if (!m[1]) out.push((shown.match(/.{4}/g) ?? []).map((g) => font.get(hex(g)) ?? '').join(''));
    }
    return out.join(' ');
  });
}

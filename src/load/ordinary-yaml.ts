// Load stage: the data and positions of an ordinary evidence file, read line by line without the yaml package.
//
// Nearly every return is written the same plain way: block mappings and sequences, one-line scalars and one-line
// flow lists. For those this reader gives exactly what yaml's Composer and toJS() would (the same values, the
// same line and column for every key and value) in a fraction of the time, and without loading yaml at all. At
// anything else it stops and says so, and the file goes to yaml, the parser of record: tabs, anchors, aliases,
// tags, directives, quoted keys, escapes, scalars over several lines, empty values, duplicate keys and anything
// yaml would warn about or refuse. tests/load/ordinary-yaml.test.ts compares the two over every YAML file in the
// repository, generated returns, the YAML test suite and thousands of mutated files.
import { TOP, type Position, type PositionIndex } from './positions.ts';

type Shape = { kind: 'leaf'; offset: number } | { kind: 'seq'; offset: number; items: Shape[] } | MapShape;
interface MapShape {
  kind: 'map';
  offset: number;
  /** Each key's place, so a file of 100,000 keys is never searched key by key. */
  index: Map<string, number>;
  keyOffsets: number[];
  values: Shape[];
}

/** Thrown, and caught at the top, when the file is not ordinary. */
const NOT_ORDINARY = Symbol('not ordinary');
function refuse(): never {
  throw NOT_ORDINARY;
}

/** One line of the file. */
interface Line {
  /** Offset of the line's first character that is not a space. */
  at: number;
  /** Spaces before it; a `- key:` item's mapping is given the column its key starts at. */
  indent: number;
  /** The line from `at`, without a CR before its LF. */
  rest: string;
  kind: 'blank' | 'comment' | 'content';
}

// Far more than evidence needs (four levels of blocks, one of flow). The loader's depth limit is judged on yaml's
// lexemes by read-yaml.ts's gauge, which counts at most a line's two compact indicators (`- key:`) and its flow
// brackets above the block levels counted here; so a file this reader takes is within `maxDepth` when its blocks
// are within maxDepth - 2 - MAX_FLOW_DEPTH, and a deeper one goes to yaml to be judged.
const MAX_DEPTH = 16;
const MAX_FLOW_DEPTH = 4;
// A plain key as evidence writes them; anything else (quoted, spaced, a number) is left to yaml.
const KEY = /^[A-Za-z_][A-Za-z0-9_-]{0,127}:(?= |$)/;
// Words the core schema reads as null or a boolean: as keys they would not be strings.
const NOT_TEXT_KEY = /^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE)$/;
// What may follow a value on its line: spaces, then a comment after at least one of them.
const LINE_END = /^(?: +#.*| *)$/;
// Characters that, first in a plain scalar, mean something else to YAML (or are reserved).
const INDICATOR = new Set(['-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`']);

/**
 * A plain scalar as YAML 1.2's core schema resolves it: yaml's tests, in the order yaml tries them, and its
 * conversions (node_modules/yaml/dist/schema/core/).
 */
function plainValue(text: string): unknown {
  if (/^(?:~|[Nn]ull|NULL)?$/.test(text)) return null;
  if (/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(text)) return text[0] === 't' || text[0] === 'T';
  if (/^0o[0-7]+$/.test(text)) return parseInt(text.substring(2), 8);
  if (/^[-+]?[0-9]+$/.test(text)) return parseInt(text, 10);
  if (/^0x[0-9a-fA-F]+$/.test(text)) return parseInt(text.substring(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(text)) {
    return text.slice(-3).toLowerCase() === 'nan' ? NaN : text[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(text)) return parseFloat(text);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(text)) return parseFloat(text);
  return text;
}

/** Whether a plain scalar may start at `at`: not at an indicator, except `-` before a character that is not one. */
function plainStart(rest: string, at: number): boolean {
  const first = rest[at];
  if (first === undefined || first === ' ') return false;
  if (!INDICATOR.has(first)) return true;
  const second = rest[at + 1];
  return first === '-' && second !== undefined && second !== ' ' && !INDICATOR.has(second);
}

/** A quoted scalar on one line: `'…'` with `''` for a quote, or `"…"` without escapes. [value, end]. */
function quoted(rest: string, at: number): [string, number] {
  if (rest[at] === '"') {
    const close = rest.indexOf('"', at + 1);
    const text = rest.slice(at + 1, close);
    if (close === -1 || text.includes('\\')) refuse();
    return [text, close + 1];
  }
  let text = '';
  for (let from = at + 1; ; ) {
    const quote = rest.indexOf("'", from);
    if (quote === -1) return refuse();
    text += rest.slice(from, quote);
    if (rest[quote + 1] !== "'") return [text, quote + 1];
    text += "'";
    from = quote + 2;
  }
}

/** A flow collection that closes on its own line, of plain and quoted scalars and such collections. */
function flow(rest: string, at: number, lineOffset: number, depth = 1): [unknown, Shape, number] {
  if (depth > MAX_FLOW_DEPTH) refuse();
  const isMap = rest[at] === '{';
  const close = isMap ? '}' : ']';
  const list: unknown[] = [];
  const map: Record<string, unknown> = {};
  const index = new Map<string, number>();
  const keyOffsets: number[] = [];
  const items: Shape[] = [];
  const spaces = (from: number) => {
    while (rest[from] === ' ') from++;
    return from;
  };
  let pos = spaces(at + 1);
  if (rest[pos] === close) pos++;
  else {
    for (;;) {
      let key: string | undefined;
      if (isMap) {
        key = KEY.exec(rest.slice(pos))?.[0].slice(0, -1);
        if (key === undefined || NOT_TEXT_KEY.test(key) || key === '__proto__' || index.has(key)) refuse();
        index.set(key!, keyOffsets.length);
        keyOffsets.push(lineOffset + pos);
        pos = spaces(pos + key!.length + 1);
      }
      let value: unknown;
      let shape: Shape;
      const first = rest[pos];
      if (first === '[' || first === '{') {
        [value, shape, pos] = flow(rest, pos, lineOffset, depth + 1);
      } else if (first === '"' || first === "'") {
        shape = { kind: 'leaf', offset: lineOffset + pos };
        [value, pos] = quoted(rest, pos);
      } else {
        if (!plainStart(rest, pos)) refuse();
        let end = pos;
        while (end < rest.length && !',[]{}'.includes(rest[end]!)) end++;
        const text = rest.slice(pos, end).replace(/ +$/, '');
        // `:` may make a key and `#` a comment inside a flow collection; yaml decides those.
        if (text.includes(':') || text.includes('#')) refuse();
        shape = { kind: 'leaf', offset: lineOffset + pos };
        value = plainValue(text);
        pos = end;
      }
      if (isMap) map[key!] = value;
      else list.push(value);
      items.push(shape);
      pos = spaces(pos);
      if (rest[pos] === close) {
        pos++;
        break;
      }
      if (rest[pos] !== ',') refuse();
      // A trailing comma or an empty entry leaves a `]`, `}` or `,` where an entry starts, and is refused there.
      pos = spaces(pos + 1);
    }
  }
  const offset = lineOffset + at;
  return isMap ? [map, { kind: 'map', offset, index, keyOffsets, values: items }, pos] : [list, { kind: 'seq', offset, items }, pos];
}

class Reader {
  private i = 0;

  constructor(
    private readonly lines: Line[],
    private readonly maxDepth: number,
  ) {}

  /** The next line with content, past blank lines and comments. */
  private content(): Line | undefined {
    while (this.i < this.lines.length && this.lines[this.i]!.kind !== 'content') this.i++;
    return this.lines[this.i];
  }

  document(): [Record<string, unknown>, MapShape] {
    let first = this.content();
    // One `---` before the mapping is allowed; a directive, a second document or `...` is for yaml.
    if (first?.rest === '---' && first.indent === 0) {
      this.i++;
      first = this.content();
    }
    // A mapping indented on its first line, or anything after the mapping, is refused by blockMap.
    if (!first) refuse();
    return this.blockMap(0);
  }

  private blockMap(indent: number, depth = 1): [Record<string, unknown>, MapShape] {
    // Deep files are for the loader's depth limit, which is judged on yaml's own lexemes.
    if (depth > this.maxDepth) refuse();
    const data: Record<string, unknown> = {};
    const shape: MapShape = { kind: 'map', offset: this.content()!.at, index: new Map(), keyOffsets: [], values: [] };
    for (let line = this.content(); line && line.indent >= indent; line = this.content()) {
      if (line.indent > indent) refuse();
      const key = KEY.exec(line.rest)?.[0].slice(0, -1);
      if (key === undefined || NOT_TEXT_KEY.test(key) || key === '__proto__' || shape.index.has(key)) return refuse();
      let value: [unknown, Shape];
      if (LINE_END.test(line.rest.slice(key.length + 1))) {
        // The value is the block below: more indented, or a sequence at the key's own indentation.
        this.i++;
        const next = this.content();
        if (next && next.indent > indent) value = next.rest.startsWith('- ') ? this.blockSeq(next.indent, depth + 1) : this.blockMap(next.indent, depth + 1);
        else if (next && next.indent === indent && next.rest.startsWith('- ')) value = this.blockSeq(indent, depth + 1);
        // An empty value is null, at a place yaml works out.
        else return refuse();
      } else {
        value = this.inline(line, key.length + 1, indent);
      }
      shape.index.set(key, shape.keyOffsets.length);
      shape.keyOffsets.push(line.at);
      shape.values.push(value[1]);
      data[key] = value[0];
    }
    return [data, shape];
  }

  private blockSeq(indent: number, depth: number): [unknown[], Shape] {
    const data: unknown[] = [];
    const items: Shape[] = [];
    const offset = this.content()!.at;
    for (let line = this.content(); line && line.indent >= indent; line = this.content()) {
      if (line.indent > indent) refuse();
      if (!line.rest.startsWith('- ')) break;
      let from = 2;
      while (line.rest[from] === ' ') from++;
      let item: [unknown, Shape];
      if (KEY.test(line.rest.slice(from))) {
        // `- key: value` opens a mapping at the key's column, which goes on over the lines below it.
        this.lines[this.i] = { at: line.at + from, indent: indent + from, rest: line.rest.slice(from), kind: 'content' };
        item = this.blockMap(indent + from, depth + 1);
      } else {
        item = this.inline(line, from, indent);
      }
      data.push(item[0]);
      items.push(item[1]);
    }
    return [data, { kind: 'seq', offset, items }];
  }

  /** The value after `key:` or `- `, from column `from` of the line: a scalar, a flow collection or a block scalar. */
  private inline(line: Line, from: number, parentIndent: number): [unknown, Shape] {
    const rest = line.rest;
    let at = from;
    while (rest[at] === ' ') at++;
    const offset = line.at + at;
    const first = rest[at];
    this.i++;
    if (first === '|' || first === '>') return [this.blockScalar(rest.slice(at), parentIndent), { kind: 'leaf', offset }];
    let value: unknown;
    let shape: Shape = { kind: 'leaf', offset };
    let end: number;
    if (first === '"' || first === "'") {
      [value, end] = quoted(rest, at);
    } else if (first === '[' || first === '{') {
      [value, shape, end] = flow(rest, at, line.at);
    } else {
      if (!plainStart(rest, at)) refuse();
      // A plain scalar runs to a comment or the end of the line; `: ` inside it would be a mapping on one line.
      const comment = rest.indexOf(' #', at);
      const text = (comment === -1 ? rest.slice(at) : rest.slice(at, comment)).replace(/ +$/, '');
      if (text.includes(': ') || text.endsWith(':')) refuse();
      value = plainValue(text);
      end = at + text.length;
    }
    // A line below indented past the parent, which could be more of this value, is refused by the block it is in.
    if (!LINE_END.test(rest.slice(end))) refuse();
    return [value, shape];
  }

  /** `|`, `|-`, `>` or `>-`, over the lines below, all at one indentation, with no blank line among them. */
  private blockScalar(header: string, parentIndent: number): string {
    const match = /^([|>])(-?)(?: +#.*| *)$/.exec(header);
    if (!match) return refuse();
    const [, style, strip] = match;
    const first = this.lines[this.i];
    if (!first || first.kind === 'blank' || first.indent <= parentIndent) refuse();
    const parts: string[] = [];
    let blank = false;
    while (this.i < this.lines.length) {
      const line = this.lines[this.i]!;
      if (line.kind === 'blank') {
        // Spaces on a blank line can be text in a block scalar.
        if (line.indent > 0) refuse();
        blank = true;
      } else if (line.indent <= parentIndent) {
        break;
      } else {
        // A comment-looking line in here is text; a line after a blank one, or indented otherwise, is for yaml.
        if (blank || line.indent !== first.indent) refuse();
        parts.push(line.rest);
      }
      this.i++;
    }
    return parts.join(style === '|' ? '\n' : ' ') + (strip ? '' : '\n');
  }
}

/** The file split into lines, or undefined for a file with what only yaml should judge anywhere in it. */
function linesOf(text: string): Line[] | undefined {
  // Tabs can be indentation; a byte-order mark inside, NEL, LS and PS are characters yaml treats specially.
  if (/[\t\ufeff\u0085\u2028\u2029]/.test(text)) return undefined;
  const lines: Line[] = [];
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    let stop = end;
    if (text[stop - 1] === '\r') stop--;
    let at = start;
    while (text[at] === ' ') at++;
    const rest = text.slice(at, stop);
    // A CR anywhere but before an LF is a line break of its own.
    if (rest.includes('\r')) return undefined;
    const kind = rest === '' ? 'blank' : rest[0] === '#' ? 'comment' : 'content';
    lines.push({ at, indent: at - start, rest, kind });
    start = end + 1;
  }
  return lines;
}

/**
 * The data `doc.toJS()` would give and positions that answer as documentPositions would, or undefined when the
 * file is not ordinary (or nests too deep to be sure it is within `maxDepth`) and yaml must read it.
 */
export function readOrdinary(text: string, maxDepth: number): { data: Record<string, unknown>; positions: PositionIndex } | undefined {
  const lines = linesOf(text);
  if (!lines) return undefined;
  try {
    const [data, shape] = new Reader(lines, Math.min(MAX_DEPTH, maxDepth - 2 - MAX_FLOW_DEPTH)).document();
    return { data, positions: shapePositions(shape, text) };
  } catch (error) {
    if (error === NOT_ORDINARY) return undefined;
    throw error;
  }
}

/** Line and column of an offset, as yaml's LineCounter gives them: lines counted by LF. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** documentPositions over the shape instead of a Document: the same answers, step for step. */
function shapePositions(root: MapShape, text: string): PositionIndex {
  let starts: number[] | undefined;
  const at = (offset: number): Position => {
    starts ??= lineStarts(text);
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - starts[low]! + 1 };
  };
  return {
    locate(path, target = 'key') {
      let node: Shape = root;
      let found: Position = TOP;
      for (let depth = 0; depth < path.length; depth++) {
        const segment = path[depth]!;
        if (node.kind === 'map') {
          const i = node.index.get(String(segment));
          if (i === undefined) return found;
          found = at(node.keyOffsets[i]!);
          const value: Shape = node.values[i]!;
          if (target === 'value' && depth === path.length - 1) found = at(value.offset);
          node = value;
        } else if (node.kind === 'seq' && typeof segment === 'number') {
          const item: Shape | undefined = node.items[segment];
          if (!item) return found;
          found = at(item.offset);
          node = item;
        } else {
          return found;
        }
      }
      return found;
    },
  };
}

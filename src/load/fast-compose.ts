// Load stage: an ordinary evidence file's data and positions straight from yaml's CST, without building a Document.
import { CST, Document, isNode, isScalar, type LineCounter } from 'yaml';
import { TOP, type Position, type PositionIndex } from './positions.ts';

type Shape = { kind: 'leaf'; offset: number } | { kind: 'seq'; offset: number; items: Shape[] } | MapShape;
interface MapShape {
  kind: 'map';
  offset: number;
  /** Each key's place: a file of 100,000 keys is looked up key by key, and must not be searched each time. */
  index: Map<string, number>;
  keyOffsets: number[];
  values: Shape[];
}

/** Thrown, and caught at the top, when the file needs the Composer. */
const REFUSED = Symbol('refused');
const refuse = (): never => {
  throw REFUSED;
};

interface ScalarTag {
  test?: RegExp;
  default?: boolean | 'key';
  collection?: string;
  resolve(value: string, onError: (message: string) => void, options: object): unknown;
}
let schema: { tags: ScalarTag[]; options: object } | undefined;

/** The core schema's tags for plain scalars, in the order the Composer tries them, taken once from yaml itself. */
function schemaFor(options: object) {
  if (!schema) {
    const doc = new Document(undefined, options);
    const tags = (doc.schema.tags as unknown as ScalarTag[]).filter((t) => t.default === true && t.test && !t.collection);
    schema = { tags, options: doc.options };
  }
  return schema;
}

function scalarValue(token: CST.FlowScalar | CST.BlockScalar, tags: ScalarTag[], options: object): unknown {
  let failed = false;
  const resolved = CST.resolveAsScalar(token, true, () => (failed = true));
  if (failed || !resolved) refuse();
  const text = resolved!.value;
  if (token.type !== 'scalar') return text;
  for (const tag of tags) {
    if (!tag.test!.test(text)) continue;
    const value = tag.resolve(text, () => (failed = true), options);
    if (failed) refuse();
    // null and booleans come back as a Scalar (to keep their format); toJS gives its value.
    if (isScalar(value)) return value.value;
    if (isNode(value)) refuse();
    return value;
  }
  return text;
}

const isFlowScalar = (token: CST.Token | null | undefined): token is CST.FlowScalar =>
  token?.type === 'scalar' || token?.type === 'single-quoted-scalar' || token?.type === 'double-quoted-scalar';

/** resolveProps for what this path accepts: white space, comments after white space, and at most one indicator. */
function indicatorIn(tokens: readonly CST.SourceToken[], indicator: string, startOnNewline: boolean): { found: CST.SourceToken | undefined; newline: boolean } {
  let space = startOnNewline;
  let found: CST.SourceToken | undefined;
  let newline = false;
  for (const token of tokens) {
    if (token.type === 'space') space = true;
    else if (token.type === 'newline') space = newline = true;
    else if (token.type === 'comment') {
      if (!space) refuse();
    } else if (token.type === indicator && !found) {
      found = token;
      space = false;
    } else refuse();
  }
  return { found, newline };
}

/** resolveEnd: what may follow a node on its line. */
function checkEnd(tokens: readonly CST.SourceToken[] | undefined, spaceBeforeComment: boolean): void {
  let space = false;
  for (const token of tokens ?? []) {
    if (token.type === 'space' || token.type === 'newline') space = true;
    else if (token.type !== 'comment' || (spaceBeforeComment && !space)) refuse();
  }
}

class Builder {
  constructor(
    private readonly tags: ScalarTag[],
    private readonly options: object,
  ) {}

  key(token: CST.Token | null | undefined, keys: ReadonlyMap<string, number>): string {
    if (!isFlowScalar(token) || token.source.includes('\n') || token.end?.some((t) => t.type === 'newline')) refuse();
    const key = scalarValue(token as CST.FlowScalar, this.tags, this.options);
    // A key that is not text, that repeats, or that would set the prototype: the Composer and toJS decide.
    if (typeof key !== 'string' || key === '__proto__' || keys.has(key)) refuse();
    return key as string;
  }

  node(token: CST.Token): [unknown, Shape] {
    switch (token.type) {
      case 'scalar':
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
      case 'block-scalar':
        return [scalarValue(token, this.tags, this.options), { kind: 'leaf', offset: token.offset }];
      case 'block-map':
        return this.blockMap(token);
      case 'block-seq':
        return this.blockSeq(token);
      case 'flow-collection':
        return this.flow(token);
      default:
        return refuse();
    }
  }

  blockMap(map: CST.BlockMap): [Record<string, unknown>, MapShape] {
    const data: Record<string, unknown> = {};
    const shape: MapShape = { kind: 'map', offset: map.offset, index: new Map(), keyOffsets: [], values: [] };
    map.items.forEach(({ start, key, sep, value }, i) => {
      if (indicatorIn(start, 'explicit-key-ind', true).found) refuse();
      if (!sep) {
        // Comments after the last entry; anywhere else yaml reports "Map comment with trailing content".
        if (key || i !== map.items.length - 1) refuse();
        return;
      }
      if (!key || !('indent' in key) || key.indent !== map.indent) refuse();
      const name = this.key(key, shape.index);
      const { found, newline } = indicatorIn(sep, 'map-value-ind', false);
      // No value is an empty scalar, whose position yaml works out; a long key has its own error.
      if (!found || !value || (value.type === 'block-map' && !newline) || found.offset - key!.offset > 512) refuse();
      const [item, itemShape] = this.node(value!);
      data[name] = item;
      shape.index.set(name, shape.keyOffsets.length);
      shape.keyOffsets.push(key!.offset);
      shape.values.push(itemShape);
    });
    return [data, shape];
  }

  blockSeq(seq: CST.BlockSequence): [unknown[], Shape] {
    const data: unknown[] = [];
    const items: Shape[] = [];
    for (const { start, value } of seq.items) {
      const { found } = indicatorIn(start, 'seq-item-ind', true);
      if (!found) {
        if (value) refuse();
        continue;
      }
      if (!value) refuse();
      const [item, shape] = this.node(value!);
      data.push(item);
      items.push(shape);
    }
    return [data, { kind: 'seq', offset: seq.offset, items }];
  }

  /** `[a, b]` and `{a: 1, b: [c]}` on one line, of scalars and such collections; `nested` when inside another. */
  flow(flow: CST.FlowCollection, nested = false): [unknown, Shape] {
    const isMap = flow.start.source === '{';
    const data: unknown[] = [];
    const map: Record<string, unknown> = {};
    const index = new Map<string, number>();
    const keyOffsets: number[] = [];
    const items: Shape[] = [];
    flow.items.forEach(({ start, key, sep, value }, i) => {
      let commas = 0;
      for (const token of start) {
        if (token.type === 'comma') commas++;
        else if (token.type !== 'space') refuse();
      }
      if (commas !== (i === 0 ? 0 : 1) || !value) refuse();
      const [item, shape] = this.flowItem(value!);
      if (isMap) {
        if (!isFlowScalar(key) || key.end?.some((t) => t.type !== 'space')) refuse();
        const name = this.key(key, index);
        let colons = 0;
        for (const token of sep ?? []) {
          if (token.type === 'map-value-ind') colons++;
          else if (token.type !== 'space') refuse();
        }
        if (colons !== 1) refuse();
        map[name] = item;
        index.set(name, keyOffsets.length);
        keyOffsets.push(key!.offset);
      } else {
        // `[a: 1]` makes a one-pair mapping in the sequence; the Composer builds those.
        if (key || sep) refuse();
        data.push(item);
      }
      items.push(shape);
    });
    const [close, ...after] = flow.end;
    if (close?.source !== (isMap ? '}' : ']')) refuse();
    // Only the outermost collection's line may end (in a comment or a newline) after its bracket.
    if (nested && after.some((t) => t.type !== 'space')) refuse();
    checkEnd(after, true);
    return isMap ? [map, { kind: 'map', offset: flow.offset, index, keyOffsets, values: items }] : [data, { kind: 'seq', offset: flow.offset, items }];
  }

  private flowItem(token: CST.Token): [unknown, Shape] {
    if (token.type === 'flow-collection') return this.flow(token, true);
    if (!isFlowScalar(token) || token.source.includes('\n') || token.end?.some((t) => t.type !== 'space')) refuse();
    return [scalarValue(token as CST.FlowScalar, this.tags, this.options), { kind: 'leaf', offset: token.offset }];
  }
}

/**
 * The data `doc.toJS()` would give and a PositionIndex that answers as documentPositions would, skipping the
 * Document that toJS would only turn into the same data; or undefined, and then the file goes through yaml's
 * Composer, the parser of record, as before. Only shapes whose result this reproduces exactly are taken (block
 * mappings and sequences, one-line flow collections, scalars, comments); anchors, tags, aliases, empty values,
 * duplicate keys and anything the parser or the composer could report are refused (tests/load/fast-compose.test.ts
 * compares the two over the YAML test suite and thousands of mutated evidence files).
 */
export function composeOrdinary(tokens: readonly CST.Token[], text: string, lines: LineCounter, options: object): { data: Record<string, unknown>; positions: PositionIndex } | undefined {
  // A tab may be indentation, which only the Composer judges.
  if (text.includes('\t')) return undefined;
  let document: CST.Document | undefined;
  for (const token of tokens) {
    if (token.type === 'document' && !document) document = token;
    else if (token.type !== 'comment' && token.type !== 'newline' && token.type !== 'space') return undefined;
  }
  if (!document || document.value?.type !== 'block-map') return undefined;
  const { tags, options: resolveOptions } = schemaFor(options);
  try {
    // A `---` line is fine; a mapping on the same line as `---` is an error yaml reports.
    const { found } = indicatorIn(document.start, 'doc-start', true);
    if (found && !document.start.some((t) => t.type === 'newline' && t.offset > found.offset)) return undefined;
    checkEnd(document.end, false);
    const [data, shape] = new Builder(tags, resolveOptions).blockMap(document.value);
    return { data, positions: shapePositions(shape, lines) };
  } catch (error) {
    if (error === REFUSED) return undefined;
    throw error;
  }
}

/** documentPositions over the shape instead of the Document: the same answers, step for step. */
function shapePositions(root: MapShape, lines: LineCounter): PositionIndex {
  const at = (offset: number): Position => {
    const { line, col } = lines.linePos(offset);
    return { line, column: col };
  };
  return {
    locate(path, target = 'key') {
      let node: Shape = root;
      let found: Position = TOP;
      for (const segment of path) {
        if (node.kind === 'map') {
          const i = node.index.get(String(segment));
          if (i === undefined) return found;
          found = at(node.keyOffsets[i]!);
          const value: Shape = node.values[i]!;
          if (target === 'value' && segment === path[path.length - 1]) found = at(value.offset);
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

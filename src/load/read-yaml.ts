// Load stage: bytes → one YAML document with positions, or located errors; never throws on bad input.
// Every guard here answers a trap measured against yaml and zod (the loader's hostile-input notes in docs/design.md).
import type { CST, Document, LineCounter, Node, YAMLMap } from 'yaml';
import type { Diagnostic, DiagnosticCode } from '../diagnostic.ts';
import { decodeText, strayByteMessage } from './decode-text.ts';
import { readOrdinary } from './ordinary-yaml.ts';
import { documentPositions, type Position, type PositionIndex } from './positions.ts';
import { explainSyntaxErrors } from './yaml-slips.ts';
import { yaml } from './yaml-package.ts';

export interface ReadLimits {
  /** Largest file read, in bytes; evidence files are a few KB. */
  maxBytes: number;
  /** Deepest nesting accepted; deep input can abort V8 inside the yaml composer. */
  maxDepth: number;
}

export const DEFAULT_LIMITS: ReadLimits = { maxBytes: 1024 * 1024, maxDepth: 64 };

/** What a file is, so that its messages name it: an anchor in pack.yaml is not "in evidence". */
export type FileKind = 'evidence' | 'config' | 'pack' | 'rule' | 'register' | 'expected';

interface KindWords {
  /** "an evidence file" */
  a: string;
  /** "YAML aliases are not allowed in …" */
  in: string;
  /** "… are a few KB" */
  plural: string;
  /** The fields it opens with. */
  fields: string;
}

const KIND_WORDS: Record<FileKind, KindWords> = {
  evidence: { a: 'an evidence file', in: 'evidence', plural: 'evidence files', fields: 'format:, provider:, period:, …' },
  config: { a: 'a config file', in: 'a config file', plural: 'config files', fields: 'pack:, fail_on:, waivers:, …' },
  pack: { a: 'a pack.yaml', in: 'a rule pack', plural: 'rule pack files', fields: 'id:, title:, version:, …' },
  rule: { a: 'a rule file', in: 'a rule pack', plural: 'rule pack files', fields: 'id:, title:, severity:, check:, …' },
  register: { a: 'an obligations.yaml', in: 'a rule pack', plural: 'rule pack files', fields: 'obligations:' },
  expected: { a: "a pack test's expected results", in: 'a pack test', plural: 'expected results', fields: 'status:, rules:' },
};

export function tooLarge(size: number, limit: number, kind: FileKind): string {
  return `the file is ${size} bytes; the limit is ${limit} (${KIND_WORDS[kind].plural} are a few KB)`;
}

export interface ParseOptions {
  kind?: FileKind;
  /** Skip the ordinary-file path, for the test that it gives what the Composer gives. */
  composeAlways?: boolean;
}

export interface Readable {
  data: Record<string, unknown>;
  positions: PositionIndex;
  warnings: Diagnostic[];
}

export type ReadResult =
  | ({ ok: true } & Readable)
  /** `readable`: a file refused only for a stray byte, read as Windows-1252 there, so its other errors are found too. */
  | { ok: false; errors: Diagnostic[]; readable?: Readable };

function lineColumnAt(text: string, offset: number): Position {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

function fail(file: string, code: DiagnosticCode, message: string, at: Position = { line: 1, column: 1 }, before: Diagnostic[] = []): ReadResult {
  return { ok: false, errors: [...before, { code, severity: 'error', message, file, ...at }] };
}

/** A file that parsed: loaded, or refused with its encoding error and still readable. */
const parsed = (encoding: Diagnostic[], readable: Readable): ReadResult => (encoding.length ? { ok: false, errors: encoding, readable } : { ok: true, ...readable });

// YAML 1.2 forbids these, but the yaml package accepts them; they could reach a terminal.
const FORBIDDEN_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/**
 * Nesting as the yaml parser will build it: open indentation levels + compact `- `/`? `/`: `
 * indicators on a line + open flow brackets. It reads yaml's own Lexer, which is iterative (safe at
 * any depth) and keeps every scalar whole, so a `"]"` inside a string can neither close a real
 * bracket (that let 100,000 levels through) nor open a false one. It is fed each lexeme before the
 * parser is, so neither the CST parser nor the composer ever sees a level past the limit.
 */
class NestingGauge {
  private readonly indents: number[] = [];
  private flow = 0;
  private compact = 0;
  private offset = 0;
  private lineStart: number | undefined = 0;
  private scalarText = false;
  depth = 0;
  at = 0;

  constructor(private readonly limit: number) {}

  /** False once the lexeme takes the nesting past the limit (`depth` and `at` then say where). */
  feed(token: string): boolean {
    // Control tokens carry no source text; the control-character check has already refused them in the source.
    if (token === '\x02' || token === '\x18' || token === '\x1f') {
      if (token === '\x18') this.flow = 0;
      this.scalarText = token === '\x1f';
      return true;
    }
    const at = this.offset;
    this.offset += token.length;
    const isText = this.scalarText;
    this.scalarText = false;
    const blank = !isText && (token === '' || token[0] === ' ' || token[0] === '\t' || token[0] === '#' || token[0] === '\n' || token === '\r\n');
    if (!blank) {
      if (this.lineStart !== undefined && this.flow === 0) {
        const indent = at - this.lineStart;
        const indents = this.indents;
        while (indents.length > 0 && indents[indents.length - 1]! >= indent) indents.pop();
        indents.push(indent);
      }
      this.lineStart = undefined;
      if (isText) {
        // A scalar's text: its brackets and dashes are not structure.
      } else if (token === '[' || token === '{') this.flow++;
      else if ((token === ']' || token === '}') && this.flow > 0) this.flow--;
      else if (this.flow === 0 && (token === '-' || token === '?' || token === ':')) this.compact++;
      const depth = this.indents.length + this.compact + this.flow;
      if (depth > this.limit) {
        this.depth = depth;
        this.at = at;
        return false;
      }
    }
    if (token.endsWith('\n')) {
      this.lineStart = this.offset;
      this.compact = 0;
    }
    return true;
  }
}

export const PARSE_OPTIONS = {
  version: '1.2',
  schema: 'core',
  merge: false,
  resolveKnownTags: false,
  // yaml's own check compares each key with every earlier one (30,000 repeated keys took 12 s); duplicateKeys does it in one pass.
  uniqueKeys: false,
  logLevel: 'error',
  prettyErrors: false,
} as const;

/**
 * yaml's CST of the file, in one pass over yaml's Lexer (the depth gauge used to lex the file on its own
 * first): each lexeme goes to the gauge, then to the CST parser, and the tokens are kept for composing.
 */
function parseTokens(text: string, lines: LineCounter, limit: number): CST.Token[] | { depth: number; offset: number } {
  const { Lexer, Parser } = yaml();
  const gauge = new NestingGauge(limit);
  const parser = new Parser(lines.addNewLine);
  const tokens: CST.Token[] = [];
  lines.addNewLine(0);
  for (const lexeme of new Lexer().lex(text)) {
    if (!gauge.feed(lexeme)) return { depth: gauge.depth, offset: gauge.at };
    for (const token of parser.next(lexeme)) tokens.push(token);
  }
  for (const token of parser.end()) tokens.push(token);
  return tokens;
}

export function parseYaml(bytes: Uint8Array, file: string, limits: ReadLimits = DEFAULT_LIMITS, { kind = 'evidence', composeAlways = false }: ParseOptions = {}): ReadResult {
  const words = KIND_WORDS[kind];
  if (bytes.length > limits.maxBytes) return fail(file, 'file-too-large', tooLarge(bytes.length, limits.maxBytes, kind));
  const decoded = decodeText(bytes);
  if ('unreadable' in decoded) return fail(file, 'encoding', decoded.unreadable);
  const { text, stray } = decoded;
  const encoding: Diagnostic[] = [];
  if (stray) {
    const at = lineColumnAt(text, stray.offset);
    encoding.push({ code: 'encoding', severity: 'error', message: strayByteMessage(stray.byte, at.line), file, ...at });
  }

  const control = FORBIDDEN_CONTROL.exec(text);
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    return fail(file, 'control-character', `control character U+${code} is not allowed in YAML; remove it`, lineColumnAt(text, control.index), encoding);
  }
  if (!composeAlways) {
    const ordinary = readOrdinary(text, limits.maxDepth);
    if (ordinary) return parsed(encoding, { ...ordinary, warnings: [] });
  }
  const { Composer, LineCounter, visit, isAlias, isMap } = yaml();
  const lines = new LineCounter();
  let docs: Document.Parsed[];
  try {
    const tokens = parseTokens(text, lines, limits.maxDepth);
    if (!Array.isArray(tokens)) {
      return fail(file, 'too-deep', `nesting is deeper than ${limits.maxDepth} levels; ${words.a} needs fewer than 10`, lineColumnAt(text, tokens.offset), encoding);
    }
    // Only now, with the whole file known to be shallow enough, does the composer run.
    docs = Array.from(new Composer({ ...PARSE_OPTIONS, lineCounter: lines }).compose(tokens)) as Document.Parsed[];
  } catch (error) {
    // The CST parser can still overflow its stack on shapes the gauge let through.
    return fail(file, 'too-deep', `the YAML parser gave up (${(error as Error).message}); simplify the file's nesting`, undefined, encoding);
  }
  const at = (offset: number): Position => {
    const { line, col } = lines.linePos(offset);
    return { line, column: col };
  };
  if (docs.length === 0) return fail(file, 'no-document', `the file is empty or holds only comments; expected the fields of ${words.a} (${words.fields})`, undefined, encoding);

  const errors: Diagnostic[] = [...encoding];
  const warnings: Diagnostic[] = [];
  const doc = docs[0]!;
  if (docs.length > 1) {
    errors.push({ code: 'multiple-documents', severity: 'error', message: `a second YAML document starts here; ${words.a} holds exactly one`, file, ...at(docs[1]!.range[0]) });
  }
  const syntax = doc.errors.map((e) => ({ message: plainYamlMessage(e.message), ...at(e.pos[0]) }));
  for (const e of syntax.length ? explainSyntaxErrors(text, syntax) : []) errors.push({ code: 'yaml-syntax', severity: 'error', file, ...e });
  for (const w of doc.warnings) {
    // Unknown tags arrive as warnings; they are refused below with a clearer message.
    if (w.code === 'TAG_RESOLVE_FAILED') continue;
    warnings.push({ code: 'yaml-warning', severity: 'warning', message: plainYamlMessage(w.message), file, ...at(w.pos[0]) });
  }
  // A node's range starts at its value; its `&anchor` and `!tag` come before it, maybe on the line above.
  const written = (node: Node, mark: string): Position => {
    let i = text.lastIndexOf(mark, node.range?.[0] ?? 0);
    while (i > 0 && !' \t\n[{,'.includes(text[i - 1]!)) i--;
    return at(i < 0 ? (node.range?.[0] ?? 0) : i);
  };
  visit(doc, {
    Node(_key, node: Node) {
      if (isMap(node)) duplicateKeys(node, file, at, errors);
      if (isAlias(node)) {
        errors.push({ code: 'alias', severity: 'error', message: `YAML aliases (*${shown(node.source)}) are not allowed in ${words.in}; write the value out`, file, ...at(node.range?.[0] ?? 0) });
      } else if (node.anchor) {
        errors.push({ code: 'alias', severity: 'error', message: `YAML anchors (&${shown(node.anchor)}) are not allowed in ${words.in}; remove it`, file, ...written(node, `&${node.anchor}`) });
      }
      if (node.tag && !isAlias(node)) {
        // Show the tag as it was written (!!timestamp), not resolved (tag:yaml.org,2002:timestamp).
        const tag = node.tag.replace(/^tag:yaml\.org,2002:/, '!!');
        errors.push({ code: 'tag', severity: 'error', message: `YAML tags (${shown(tag)}) are not allowed in ${words.in}; remove the tag`, file, ...written(node, '!') });
      }
    },
  });
  if (errors.length === encoding.length && !isMap(doc.contents)) {
    const where = doc.contents?.range ? at(doc.contents.range[0]) : { line: 1, column: 1 };
    errors.push({ code: 'not-a-mapping', severity: 'error', message: `the file must be a mapping of fields (${words.fields})`, file, ...where });
  }
  if (errors.length > encoding.length) {
    errors.sort((x, y) => x.line - y.line || x.column - y.column);
    return { ok: false, errors };
  }
  const data = doc.toJS({ maxAliasCount: 0 }) as Record<string, unknown>;
  return parsed(encoding, { data, positions: documentPositions(doc, lines), warnings });
}

/**
 * Each key that repeats an earlier one in the same mapping, at the repeat. Keys are equal as yaml's uniqueKeys
 * judges them (scalars with the same value, so `1` and `1.0` repeat but `1` and `"1"` do not), found through one
 * Map per mapping instead of a search of every earlier key.
 */
function duplicateKeys(map: YAMLMap, file: string, at: (offset: number) => Position, errors: Diagnostic[]): void {
  const { isScalar } = yaml();
  const seen = new Map<unknown, number>();
  for (const { key } of map.items) {
    if (!isScalar(key) || !key.range) continue;
    const value = key.value;
    // NaN is not equal to itself under ===, so yaml never calls two `.nan` keys the same.
    if (Number.isNaN(value)) continue;
    const first = seen.get(value);
    if (first === undefined) {
      seen.set(value, key.range[0]);
      continue;
    }
    const { line, column } = at(first);
    const name = typeof value === 'string' ? JSON.stringify(value).slice(0, 60) : String(value);
    errors.push({ code: 'duplicate-key', severity: 'error', message: `duplicate key ${name}: it is already at line ${line}, column ${column}; keep one`, file, ...at(key.range[0]) });
  }
}

/**
 * Text a provider wrote, inside a one-line message: YAML 1.2 lets names and scalars hold U+2028, U+2029 and
 * U+0085, which some readers take as line breaks, so they are escaped; and a name or quoted source may run to
 * the end of the file, so it is cut short.
 */
function shown(text: string, max = 40): string {
  const cut = text.length > max * 2;
  const escaped = (cut ? text.slice(0, max * 2) : text).replace(/[\u0085\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  // By code point, so a cut never splits a surrogate pair into a character no one wrote.
  const points = Array.from(escaped);
  return points.length > max || cut ? `${points.slice(0, max - 1).join('')}…` : escaped;
}

/**
 * yaml's messages end with "at line L, column C:" and a code excerpt; we print our own position. Some quote the
 * source ("Unexpected scalar token in YAML stream: …"), which is the provider's text and shown as such.
 */
function plainYamlMessage(message: string): string {
  return shown(message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').replace(/:$/, ''), 100);
}

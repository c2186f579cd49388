// Load stage: the slips people make in YAML by hand, said in words, in place of the parser's errors they cause.
// Only a file yaml has already refused is read here, so an ordinary file pays nothing for it.
import type { Position } from './positions.ts';

/** One of yaml's errors, where it was reported. */
export interface ParserError extends Position {
  message: string;
}

/** A slip found, and the first line whose parser errors it explains. */
interface Slip extends Position {
  message: string;
  from: number;
}

interface Line {
  number: number;
  /** The line without its line end. */
  text: string;
  indent: number;
  /** Blank, or only a comment. */
  empty: boolean;
}

// A plain key as people write them, at the start of a line's content (after any `- `).
const KEY = /^(?:- +)*([A-Za-z_][\w-]*):/;
// The whitespace and `- ` indicators before a line's content: a tab in here is a tab used as indentation.
const LEAD = /^[ \t]*(?:-[ \t]+)*/;

const cut = (text: string, max = 30) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function linesOf(text: string): Line[] {
  return text.split('\n').map((raw, i) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const indent = /^ */.exec(line)![0].length;
    const rest = line.slice(indent);
    return { number: i + 1, text: line, indent, empty: rest === '' || rest.startsWith('#') };
  });
}

/** `- key: value` → the key, its column (0-based) and the value written after it on the line, if any. */
function keyed(line: Line): { key: string; column: number; value: string } | undefined {
  const match = KEY.exec(line.text.slice(line.indent));
  if (!match) return undefined;
  const after = line.text.slice(line.indent + match[0].length);
  // `key:value` is not a key to YAML; that slip is told apart below.
  if (after !== '' && after[0] !== ' ' && after[0] !== '\t') return undefined;
  const value = after.replace(/(?:^|\s+)#.*$/, '').trim();
  return { key: match[1]!, column: line.indent + match[0].length - match[1]!.length - 1, value };
}

/** A tab among the spaces and dashes that indent a line. */
function tabIndent(line: Line): Slip | undefined {
  const tab = LEAD.exec(line.text)![0].indexOf('\t');
  if (tab === -1) return undefined;
  return { line: line.number, column: tab + 1, from: line.number, message: `YAML indents with spaces only: replace the tab at line ${line.number} with spaces` };
}

/** `key:value`, which YAML reads as one piece of text rather than a key and its value. */
function missingSpace(line: Line): Slip | undefined {
  const match = /^((?:- +)*)([A-Za-z_][\w-]*):([^\s:#].*)$/.exec(line.text.slice(line.indent));
  if (!match) return undefined;
  const [, dashes, key, value] = match;
  const column = line.indent + dashes!.length + key!.length + 2;
  return { line: line.number, column, from: line.number, message: `a space is missing after \`${key}:\`; write \`${key}: ${cut(value!.trim())}\`` };
}

/**
 * `key: value` followed by lines indented under it (or a list at its own indentation): YAML cannot give a key both.
 * Typically `waivers: []` left in place when the example list below it is uncommented.
 */
function valueThenBlock(lines: Line[], index: number, errorLines: Set<number>): Slip | undefined {
  const line = lines[index]!;
  const key = keyed(line);
  if (!key || key.value === '' || /^[|>&!]/.test(key.value)) return undefined;
  let next = index + 1;
  while (next < lines.length && lines[next]!.empty) next++;
  const below = lines[next];
  if (!below) return undefined;
  const content = below.text.slice(below.indent);
  const list = content === '-' || content.startsWith('- ');
  const nested = below.indent > key.column || (below.indent === key.column && list);
  if (!nested || !(list || KEY.test(content))) return undefined;
  // Only where yaml found the problem: a plain value may go on over more-indented lines.
  let explained = false;
  for (let n = line.number; n <= below.number && !explained; n++) explained = errorLines.has(n);
  if (!explained) return undefined;
  const value = cut(key.value);
  const message = list
    ? `\`${key.key}:\` already has a value on line ${line.number} (\`${value}\`); remove \`${value}\` to give it the list below`
    : `\`${key.key}:\` already has a value on line ${line.number} (\`${value}\`); remove \`${value}\` to give it the fields below, or move this line back to line up with \`${key.key}:\``;
  return { line: below.number, column: below.indent + 1, from: line.number, message };
}

/** Where a quoted value that starts at `open` ends on its line: the index after its closing quote, or -1. */
function closingQuote(text: string, open: number): number {
  const quote = text[open]!;
  for (let i = open + 1; i < text.length; i++) {
    if (quote === '"' && text[i] === '\\') i++;
    else if (text[i] === quote) {
      if (quote === "'" && text[i + 1] === "'") i++;
      else return i + 1;
    }
  }
  return -1;
}

/** Where a line's value starts, when it starts with one of `first`: after `key: ` or `- `. */
function valueAt(line: Line, first: string): number {
  const match = /^((?:- +)*(?:[A-Za-z_][\w-]*: +)?(?:- +)*)(.)/.exec(line.text.slice(line.indent));
  return match && first.includes(match[2]!) ? line.indent + match[1]!.length : -1;
}

const quoteAt = (line: Line) => valueAt(line, `"'`);

/** A quoted value that closes early, at an apostrophe or quote inside it, and goes on after. */
function earlyQuote(line: Line): Slip | undefined {
  const open = quoteAt(line);
  if (open === -1) return undefined;
  const end = closingQuote(line.text, open);
  if (end === -1 || /^\s*(?:#.*)?$/.test(line.text.slice(end)) || /^\s*[,\]}]/.test(line.text.slice(end))) return undefined;
  const quote = line.text[open]!;
  const [escape, other] = quote === "'" ? ["''", '"'] : ['\\"', "'"];
  const before = cut(line.text.slice(open + 1, end - 1), 20);
  const message = `the ${quote} after "${before}" ends the quoted value early; write it as ${escape}, or quote the value with ${other} instead`;
  return { line: line.number, column: end, from: line.number, message };
}

/** The first quoted value, at or before `last`, that does not close on its own line. */
function unclosedQuote(lines: Line[], last: number): Slip | undefined {
  for (const line of lines) {
    if (line.number > last) return undefined;
    const open = line.empty ? -1 : quoteAt(line);
    if (open === -1 || closingQuote(line.text, open) !== -1) continue;
    const quote = line.text[open]!;
    return { line: line.number, column: open + 1, from: line.number, message: `the ${quote} that opens this value is never closed; add a closing ${quote} at the end of the value` };
  }
  return undefined;
}

/** The last `[` or `{` list opened on a line at or before `last` and not closed there: yaml reports it further on. */
function unclosedFlow(lines: Line[], last: number): Slip | undefined {
  let found: Slip | undefined;
  for (const line of lines) {
    if (line.number > last) break;
    const open = line.empty ? -1 : valueAt(line, '[{');
    if (open === -1) continue;
    let depth = 0;
    for (let i = open; i < line.text.length; i++) {
      const c = line.text[i]!;
      if (c === '"' || c === "'") {
        const end = closingQuote(line.text, i);
        if (end === -1) break;
        i = end - 1;
      } else if (c === '[' || c === '{') depth++;
      else if (c === ']' || c === '}') depth--;
      else if (c === '#' && line.text[i - 1] === ' ') break;
    }
    if (depth <= 0) continue;
    const [bracket, close, what] = line.text[open] === '[' ? ['[', ']', 'list'] : ['{', '}', 'mapping'];
    found = { line: line.number, column: open + 1, from: line.number, message: `the ${bracket} that opens this ${what} is never closed; add ${close} at its end` };
  }
  return found;
}

/** `key: text: more`, where YAML reads the second `: ` as the start of another key. */
function colonInValue(line: Line): Slip | undefined {
  const key = keyed(line);
  if (!key || !/^[^"'[{|>&!*]/.test(key.value) || !/:(?: |$)/.test(key.value)) return undefined;
  return {
    line: line.number,
    column: line.text.indexOf(key.value, key.column + key.key.length) + 1,
    from: line.number,
    message: `the value of \`${key.key}:\` holds a colon and a space, which YAML reads as another key; put the value in quotes: \`${key.key}: "${cut(key.value)}"\``,
  };
}

/**
 * yaml's syntax errors for `text`, in words where a known slip explains them: each slip is told once, at the place
 * to fix, and the parser's errors from its first line on are dropped, since after a slip they are its echoes. Of the
 * parser's errors that remain, one per line is kept.
 */
export function explainSyntaxErrors(text: string, errors: readonly ParserError[]): ParserError[] {
  const lines = linesOf(text);
  const errorLines = new Set(errors.map((e) => e.line));
  // A file can hold a slip on every one of its lines: nothing here searches the slips or spreads them into a call.
  const slips: Slip[] = [];
  const slipLines = new Set<number>();
  const reported = (pattern: RegExp) => errors.find((e) => pattern.test(e.message))?.line;
  const quoteError = reported(/^Missing closing ["']quote/);
  const flowError = reported(/^Flow (?:sequence|map) in block collection/);
  const unclosed = (quoteError && unclosedQuote(lines, quoteError)) || (flowError && unclosedFlow(lines, flowError)) || undefined;
  if (unclosed) {
    slips.push(unclosed);
    slipLines.add(unclosed.line);
  }
  // The lines after an unclosed quote or list are inside it.
  for (let i = 0; i < lines.length && lines[i]!.number < (unclosed?.line ?? Infinity); i++) {
    const line = lines[i]!;
    if (line.empty) continue;
    const slip =
      (errorLines.has(line.number) && (tabIndent(line) ?? earlyQuote(line) ?? colonInValue(line))) ||
      ((errorLines.has(line.number) || errorLines.has(lines[i + 1]?.number ?? 0)) && missingSpace(line)) ||
      valueThenBlock(lines, i, errorLines);
    if (slip && !slipLines.has(slip.line)) {
      slips.push(slip);
      slipLines.add(slip.line);
    }
  }
  const first = slips.reduce((least, s) => Math.min(least, s.from), Infinity);
  const kept: ParserError[] = [];
  const keptLines = new Set<number>();
  for (const e of errors) {
    if (e.line < first && !keptLines.has(e.line)) {
      kept.push(e);
      keptLines.add(e.line);
    }
  }
  return [...kept, ...slips.map(({ line, column, message }) => ({ line, column, message }))];
}

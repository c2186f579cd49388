// Packs stage: resolves every field path a rule's check names against a description of the evidence format, and
// checks that what the check does with each field (a date window, at_least, equals "3") fits what the field holds.
import * as z from 'zod';
import type { KeyPath } from '../load/positions.ts';
import type { FieldNeed, FieldRef } from '../evaluate/checks/types.ts';
import { didYouMean } from '../validate/did-you-mean.ts';
import { evidenceSchemaFor, type EvidenceDeclaration } from '../validate/declared-evidence.ts';

/** The format as JSON Schema describes it: the part of it a path can walk and a value can be checked against. */
export interface FormatNode {
  type?: string | string[];
  properties?: Record<string, FormatNode>;
  items?: FormatNode;
  anyOf?: FormatNode[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  minimum?: number;
  maximum?: number;
  description?: string;
  required?: string[];
}

let described: FormatNode | undefined;
const describedFor = new WeakMap<EvidenceDeclaration, FormatNode>();

/**
 * The evidence format, as a pack's declaration extends it if given, derived from its zod schema once, and only by a
 * run that compiles a pack.
 */
export function evidenceFormat(declared?: EvidenceDeclaration): FormatNode {
  const derive = () => z.toJSONSchema(evidenceSchemaFor(declared), { target: 'draft-2020-12' }) as FormatNode;
  if (!declared) return (described ??= derive());
  let format = describedFor.get(declared);
  if (!format) describedFor.set(declared, (format = derive()));
  return format;
}

export interface FieldProblem {
  /** Where in `check` the mistake is written. */
  at: KeyPath;
  code: 'unknown-field' | 'invalid-value';
  message: string;
}

/** Where a field is: inside an item of `list` (a dotted path from the file, [] past each list), or from the file. */
interface Place {
  list?: string;
  path: string;
}

const options = (node: FormatNode): FormatNode[] => node.anyOf?.flatMap(options) ?? [node];
const typesOf = (node: FormatNode): string[] => options(node).flatMap((n) => (n.type === undefined ? [] : [n.type].flat()));
const dotted = (place: Place, name: string): Place => ({ ...place, path: place.path ? `${place.path}.${name}` : name });
const itemOf = (place: Place): Place => ({ list: place.list ? `${place.list}[].${place.path}` : place.path, path: '' });
/** The place a name is looked up in: "the evidence file", "charter", "an item of surveys". */
const within = (place: Place) => (place.list ? (place.path ? `${place.path} in an item of ${place.list}` : `an item of ${place.list}`) : place.path || 'the evidence file');
/** The field itself: "charter.sites", "date" in an item of surveys, an item of advocacy.services_promoted. */
const fieldAt = (place: Place) => (place.path ? `"${place.path}"${place.list ? ` in an item of ${place.list}` : ''}` : within(place));
const keyName = (at: KeyPath) => String([...at].reverse().find((k) => typeof k === 'string'));
const show = (value: unknown) => (typeof value === 'string' ? JSON.stringify(value) : String(value));

/** A plain description of what a field holds: "a date", "one of planning, evaluation", "a list". */
export function describeField(node: FormatNode): string {
  const kinds = options(node).map((n) => {
    if (n.const !== undefined) return `exactly ${show(n.const)}`;
    if (n.enum) return `one of ${n.enum.join(', ')}`;
    const type = [n.type].flat()[0];
    if (type === 'string') return n.format === 'date' ? 'a date' : 'text';
    if (type === 'integer') {
      if (n.maximum !== undefined && n.maximum < Number.MAX_SAFE_INTEGER) return `a whole number from ${n.minimum} to ${n.maximum}`;
      return n.minimum === 0 ? 'a whole number, 0 or more' : 'a whole number';
    }
    if (type === 'number') return n.minimum === 0 ? 'a number, 0 or more' : 'a number';
    if (type === 'boolean') return 'true or false';
    if (type === 'array') return 'a list';
    return 'a section of fields';
  });
  return [...new Set(kinds)].join(' or ');
}

const NEED: Record<Exclude<FieldNeed, 'any'>, [words: string, fits: (node: FormatNode) => boolean]> = {
  section: ['a section of fields', (n) => typesOf(n).includes('object')],
  list: ['a list', (n) => typesOf(n).includes('array')],
  date: ['a date', (n) => options(n).some((o) => o.format === 'date')],
  number: ['a number', (n) => typesOf(n).some((t) => t === 'integer' || t === 'number')],
  'true-false': ['true or false', (n) => typesOf(n).includes('boolean')],
  text: ['text', (n) => typesOf(n).includes('string')],
  // Free text: not a date, nor one of a fixed list of values, whose words contains_any could be looking for.
  words: ['free text', (n) => options(n).some((o) => [o.type].flat().includes('string') && o.format === undefined && o.enum === undefined && o.const === undefined)],
  names: ['a list of names', (n) => options(n).some((o) => o.items !== undefined && typesOf(o.items).includes('string'))],
};

/** Whether `value` is one a field described by `node` can hold, compared as the check compares it. */
function canHold(node: FormatNode, value: unknown, compare: FieldRef['compare'] = 'exact'): boolean {
  const fold = (v: unknown) => (compare === 'folded' ? String(v).trim().toLowerCase() : compare === 'text' ? String(v) : v);
  return options(node).some((n) => {
    if (n.const !== undefined) return fold(n.const) === fold(value);
    if (n.enum) return n.enum.some((e) => fold(e) === fold(value));
    const number = compare === 'exact' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    const inRange = (x: number) => (n.minimum === undefined || x >= n.minimum) && (n.maximum === undefined || x <= n.maximum);
    switch ([n.type].flat()[0]) {
      case 'string':
        if (compare !== 'exact') return true;
        return typeof value === 'string' && (n.format !== 'date' || (/^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value)));
      case 'integer':
        return Number.isInteger(number) && inRange(number as number);
      case 'number':
        return typeof number === 'number' && Number.isFinite(number) && inRange(number);
      case 'boolean':
        return compare === 'exact' ? typeof value === 'boolean' : ['true', 'false'].includes(String(value));
      default:
        return false;
    }
  });
}

/** The node a dotted path leads to from `node`, or why it leads nowhere. */
function walk(node: FormatNode, path: string, from: Place, throughLists: boolean): { node: FormatNode; place: Place } | { problem: string } {
  let place = from;
  for (const name of path.split('.')) {
    const list = options(node).find((n) => n.items);
    // Past a list: an index means one item; a name means that field of each item, where the check reads it so.
    if (list && (/^\d+$/.test(name) || throughLists)) {
      [node, place] = [list.items!, itemOf(place)];
      if (/^\d+$/.test(name)) continue;
    }
    const section = options(node).find((n) => n.properties);
    if (!section) return { problem: `${fieldAt(place)} is ${describeField(node)}, which has no field "${name}"` };
    if (!Object.hasOwn(section.properties!, name)) {
      const known = Object.keys(section.properties!);
      const suggestion = didYouMean(name, known);
      return { problem: `no field "${name}" in ${within(place)}${suggestion ? `; did you mean "${suggestion}"?` : ` (its fields: ${known.join(', ')})`}` };
    }
    [node, place] = [section.properties![name]!, dotted(place, name)];
  }
  return { node, place };
}

type Reached = Exclude<ReturnType<typeof walk>, { problem: string }>;

/** Walks each of `refs` to what it names, and its `inside` from there when `visit` says to go on. */
function walkRefs(refs: readonly FieldRef[], node: FormatNode, from: Place, visit: (ref: FieldRef, reached: Reached | { problem: string }) => boolean): void {
  for (const ref of refs) {
    const reached = walk(node, ref.path, from, ref.throughLists === true);
    if (!visit(ref, reached) || 'problem' in reached) continue;
    // Inside a list, paths are its items'.
    const items = options(reached.node).find((n) => n.items)?.items;
    const [base, place] = ref.needs === 'list' ? [items!, itemOf(reached.place)] : [reached.node, reached.place];
    walkRefs(ref.inside ?? [], base, place, visit);
  }
}

/** Whether `ref` fits the field it reached, with its problems if not: a ref that does not fit goes no further in. */
function check(ref: FieldRef, reached: Reached | { problem: string }, problems: FieldProblem[]): boolean {
  if ('problem' in reached) {
    problems.push({ at: ref.param, code: 'unknown-field', message: reached.problem });
    return false;
  }
  const at = ref.neededBy ?? ref.param;
  if (ref.needs !== 'any') {
    const [words, fits] = NEED[ref.needs];
    if (!fits(reached.node)) {
      problems.push({ at, code: 'invalid-value', message: `${keyName(at)} needs ${words}, but ${fieldAt(reached.place)} is ${describeField(reached.node)}` });
      return false;
    }
  }
  const items = options(reached.node).find((n) => n.items)?.items;
  // The values of a list of names are its items' (includes_all, must_cover), and of any list a check reads item by item.
  const byItem = ref.needs === 'names' || (ref.eachItem === true && items !== undefined);
  const [held, what] = byItem ? [items!, `each item of ${fieldAt(reached.place)}`] : [reached.node, fieldAt(reached.place)];
  for (const { param, value } of ref.values ?? []) {
    if (canHold(held, value, ref.compare)) continue;
    const suggestion = typeof value === 'string' ? didYouMean(value, options(held).flatMap((n) => n.enum ?? []).map(String)) : undefined;
    problems.push({ at: param, code: 'invalid-value', message: `${keyName(param)} ${show(value)} can never match: ${what} is ${describeField(held)}${suggestion ? `; did you mean "${suggestion}"?` : ''}` });
  }
  return true;
}

/** Every path of `refs` that leads nowhere, or to a field that does not fit its use: an empty list when all resolve. */
export function fieldPathProblems(refs: readonly FieldRef[], format: FormatNode = evidenceFormat()): FieldProblem[] {
  const problems: FieldProblem[] = [];
  walkRefs(refs, format, { path: '' }, (ref, reached) => check(ref, reached, problems));
  return problems;
}

/** A field a check asks a return for, by its path from the file with `[]` past each list: charter.sites[].checked_on. */
export interface AskedField {
  path: string;
  /** What a starter return writes there (FieldRef.unfilled). */
  unfilled?: string;
}

/** Every field `refs` ask a return for, once each in the order named, with the lists and sections that hold them. */
export function askedFields(refs: readonly FieldRef[], format: FormatNode = evidenceFormat()): AskedField[] {
  const asked = new Map<string, AskedField>();
  walkRefs(refs, format, { path: '' }, (ref, reached) => {
    if (ref.asked === false || 'problem' in reached) return false;
    const { list, path } = reached.place;
    const at = list ? `${list}[]${path ? `.${path}` : ''}` : path;
    const unfilled = ref.unfilled ?? asked.get(at)?.unfilled;
    asked.set(at, { path: at, ...(unfilled ? { unfilled } : {}) });
    return true;
  });
  return [...asked.values()];
}

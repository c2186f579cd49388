// Packs stage: the starter return `involve init` writes for a pack. Its sections and fields are the ones the pack's
// rules read (the field paths each check kind declares), laid out as the evidence format has them, with what each
// rule asks above the sections it reads, and the sections the pack declares; no value in it can pass until it is filled in.
import { parseQuarter, showDay } from '../evaluate/calendar.ts';
import { checkKinds } from '../evaluate/checks/index.ts';
import type { CompiledPack, CompiledRule } from './compile-pack.ts';
import { askedFields, evidenceFormat, type FormatNode } from './field-paths.ts';

export interface StarterOptions {
  provider: string;
  period: string;
  /** The evidence format's JSON Schema, relative to the return, for the editor's first line. */
  schemaPath: string;
  /** The command that audits the return, as its writer would type it. */
  audit: string;
  /** The `--rules` a command needs to run as the return was written, if any. */
  rules?: string;
}

const WIDTH = 100;
/** Where a field's comment starts, when its line leaves room. */
const NOTE_COLUMN = 40;

/** Every field `rule` reads, under any kind of service, with what a starter writes in it when not empty. */
function fieldsOf(rule: CompiledRule, format: FormatNode): Map<string, string | undefined> {
  const fields = new Map<string, string | undefined>();
  const checks = [rule.check, ...Object.values(rule.serviceTypes).flatMap((scope) => ('check' in scope ? [scope.check] : []))];
  for (const check of checks) {
    for (const { path, unfilled } of askedFields(checkKinds[rule.kind].fields(check), format)) fields.set(path, unfilled ?? fields.get(path));
  }
  return fields;
}

const sectionOf = (path: string) => path.split(/\.|\[\]/)[0]!;

/** `text` in lines of at most `width` characters, the first after `first` and the rest after `rest`. */
function wrap(text: string, first: string, rest: string, width = WIDTH): string[] {
  const lines: string[] = [];
  let line = first;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const fresh = line === first || line === rest;
    if (!fresh && line.length + 1 + word.length > width) {
      lines.push(line);
      line = `${rest}${word}`;
    } else line = fresh ? `${line}${word}` : `${line} ${word}`;
  }
  return [...lines, line];
}

const SEVERITY: Record<CompiledRule['severity'], string> = {
  required: 'required',
  recommended: 'recommended',
  aspirational: 'aspirational, never red',
};

/** What a rule asks, as comment lines (indented by `indent`): its id, severity and title, when it applies, its hint. */
function ruleLines(rule: CompiledRule, indent = ''): string[] {
  const skipped = Object.entries(rule.serviceTypes).filter(([, scope]) => 'skip' in scope).map(([type]) => type);
  const when = [
    ...(rule.effectiveFrom ? [`In force from ${rule.effectiveFrom}.`] : []),
    ...(skipped.length ? [`Not asked of ${skipped.join(', ')} services (provider.service_type).`] : []),
  ];
  return [
    // A title is one line where it can be.
    ...wrap(`${rule.id} (${SEVERITY[rule.severity]}): ${rule.title}`, `# ${indent}`, `# ${indent}    `, WIDTH + 20),
    ...(when.length ? wrap(when.join(' '), `# ${indent}  `, `# ${indent}  `) : []),
    ...wrap(rule.hint, `# ${indent}  `, `# ${indent}  `),
  ];
}

const options = (node: FormatNode): FormatNode[] => node.anyOf?.flatMap(options) ?? [node];
const typeOf = (node: FormatNode) => [options(node)[0]!.type].flat()[0];

/** What a field holds, in the words its comment uses: "YYYY-MM-DD", "one of: a | b", "true or false". */
function holds(node: FormatNode): string {
  if (node.enum) return `one of: ${node.enum.join(' | ')}`;
  switch (typeOf(node)) {
    case 'string':
      return node.format === 'date' ? 'YYYY-MM-DD' : '';
    case 'integer':
      return node.maximum !== undefined && node.maximum < Number.MAX_SAFE_INTEGER ? `a whole number from ${node.minimum} to ${node.maximum}` : 'a whole number, 0 or more';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'array': {
      const item = node.items!;
      if (item.enum) return `a list of: ${item.enum.join(' | ')}`;
      // A list of attachments is a path or a path with its sha256: its description says so.
      return options(item).length === 1 && typeOf(item) === 'string' ? 'a list of names, [A, B]' : '';
    }
    default:
      return '';
  }
}

/** A field's comment: what it means and what it holds, beside it when that fits, else its meaning above it. */
function withNote(code: string, node: FormatNode | undefined): string[] {
  const [description, kind] = [node?.description ?? '', node ? holds(node) : ''];
  const both = !kind || description.includes(kind) ? description : description ? `${description} (${kind})` : kind;
  const column = Math.max(NOTE_COLUMN, code.length + 2);
  const beside = (comment: string) => (comment ? wrap(comment, `${code.padEnd(column)}# `, `${' '.repeat(column)}#   `) : [code]);
  const [line, ...more] = beside(both);
  if (more.length === 0 || !description || description === both) return [line!, ...more];
  const indent = /^ */.exec(code)![0];
  return [...wrap(description, `${indent}# `, `${indent}# `), ...beside(kind)];
}

/** The value a starter gives a field: one no rule takes as given. */
function starterValue(node: FormatNode, unfilled: string | undefined): string {
  if (node.const !== undefined) return String(node.const);
  if (typeOf(node) === 'array') return '[]';
  return unfilled ?? '';
}

interface Layout {
  /** Each field the pack's rules read, with what a starter writes in it. */
  fields: Map<string, string | undefined>;
  /** Values for the header's fields, by path (provider.id, period). */
  given: Record<string, string>;
  /** The sections the pack declares, written whole whether or not a rule reads them yet: the pack asks for them. */
  declared: Set<string>;
}

/** Whether anything at `path` or under it is read. */
const isRead = (layout: Layout, path: string) => [...layout.fields.keys()].some((f) => f === path || f.startsWith(`${path}.`) || f.startsWith(`${path}[]`));

/**
 * The lines of a mapping's fields at `indent`: those read, with `evidence: []` where the format has it; or, for an
 * item of a list (`whole`), every field, since an item is one record of what happened and the hints ask for it whole.
 */
function mappingLines(node: FormatNode, path: string, indent: string, layout: Layout, header: boolean, whole = false): string[] {
  const lines: string[] = [];
  const required = new Set(node.required ?? []);
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const at = path ? `${path}.${key}` : key;
    if (header && !required.has(key)) {
      // Optional to the header: shown, to be uncommented with a value.
      if (key !== '$schema') lines.push(...withNote(`${indent}# ${key}:`, child));
      continue;
    }
    if (!header && !whole && !isRead(layout, at) && !layout.declared.has(sectionOf(at)) && key !== 'evidence') continue;
    lines.push(...fieldLines(key, child, at, indent, layout, header));
  }
  return lines;
}

function fieldLines(key: string, node: FormatNode, path: string, indent: string, layout: Layout, header: boolean): string[] {
  const mapping = options(node).find((n) => n.properties);
  const item = options(node).find((n) => n.items)?.items;
  // A list of attachments is of paths or mappings; only a list of mappings has items to lay out.
  const itemMapping = item && options(item).every((n) => n.properties) ? options(item)[0] : undefined;
  // A section the pack declares says what it is for; the format's own are explained in its docs.
  const opening = layout.declared.has(path) ? withNote(`${indent}${key}:`, node) : [`${indent}${key}:`];
  if (mapping) return [...opening, ...mappingLines(mapping, path, `${indent}  `, layout, header)];
  if (itemMapping) {
    // One item of empty fields, to be repeated for each activity, site or survey.
    const fields = mappingLines(itemMapping, `${path}[]`, `${indent}    `, layout, false, true);
    const first = fields.findIndex((line) => !line.trimStart().startsWith('#'));
    if (first >= 0) fields[first] = `${indent}  - ${fields[first]!.slice(indent.length + 4)}`;
    return [...withNote(`${indent}${key}:`, node), ...fields];
  }
  const value = layout.given[path] ?? starterValue(node, layout.fields.get(path));
  return withNote(`${indent}${key}:${value ? ` ${value}` : ''}`, node);
}

/** The starter return of `pack` for one provider and quarter: valid YAML, commented, failing every rule that can fail. */
export function starterReturn(pack: CompiledPack, { provider, period, schemaPath, audit, rules }: StarterOptions): string {
  const quarter = parseQuarter(period)!;
  const format = evidenceFormat(pack.evidence);
  const layout: Layout = { fields: new Map(), given: { 'provider.id': provider, period }, declared: new Set(Object.keys(pack.evidence?.sections ?? {})) };
  const readers = new Map<string, CompiledRule[]>();
  const wholeFile: CompiledRule[] = [];
  const header = new Set(format.required ?? []);
  for (const rule of pack.rules) {
    const fields = fieldsOf(rule, format);
    for (const [path, unfilled] of fields) layout.fields.set(path, unfilled ?? layout.fields.get(path));
    const sections = [...new Set([...fields.keys()].map(sectionOf))].filter((s) => !header.has(s));
    if (sections.length === 0) wholeFile.push(rule);
    for (const section of sections) readers.set(section, [...(readers.get(section) ?? []), rule]);
  }
  const withRules = rules ? ` --rules ${rules}` : '';
  const lines = [
    `# yaml-language-server: $schema=${schemaPath}`,
    `# (editor completion: create that file once with  involve schema${pack.evidence ? ` --rules ${rules ?? pack.id}` : ''} --output involvement-evidence.schema.json)`,
    '#',
    ...wrap(
      `The service user involvement return of ${provider} for ${period} (${showDay(quarter.first)} to ${showDay(quarter.last)}), with every section and field that pack ${pack.id} (${pack.title}, version ${pack.version}) reads.`,
      '# ',
      '# ',
    ),
    '#',
    ...wrap(
      "Nothing here can pass until it is filled in. Start with the service's name and who signs the return off, and when (submitted.on: while you draft, today's date): until they are given the file is invalid and no rule is checked. Then write what your service did this quarter after each empty key and in place of each TBC: a value left empty counts as not given. Dates are YYYY-MM-DD, none after submitted.on, and submitted.on not after today. Each list shows one item: repeat it for each activity, site or survey, and delete one you do not need. Never name a service user: refer to a volunteer by a reference such as V-014.",
      '# ',
      '# ',
    ),
    '#',
    ...wrap(
      'Above each section are the rules that read it, each required (the return is red until it is met), recommended (amber) or aspirational (information, never red), and what it asks.',
      '# ',
      '# ',
    ),
    `# Check the file as you go:    ${audit}${withRules}`,
    `# What a rule asks, and why:   involve explain RULE${withRules}`,
    ...(wholeFile.length ? ['#', '# Across the whole file:', ...wholeFile.flatMap((rule) => ruleLines(rule, '  '))] : []),
    '',
  ];
  for (const [key, node] of Object.entries(format.properties ?? {})) {
    if (header.has(key)) {
      lines.push(...fieldLines(key, node, key, '', layout, true));
    } else if (readers.has(key) || layout.declared.has(key)) {
      lines.push('', ...(readers.get(key) ?? []).flatMap((rule) => ruleLines(rule)), ...fieldLines(key, node, key, '', layout, false));
    }
  }
  return `${lines.join('\n')}\n`;
}

// Packs stage: the `evidence:` key of pack.yaml, the sections and fields a pack adds to the evidence format, checked
// when the pack loads (names, types, clashes with the format or an inherited declaration, add_fields paths) and
// merged with the declarations of the packs it extends into the plain data the validate stage builds a schema from.
import * as z from 'zod';
import type { Diagnostic } from '../diagnostic.ts';
import type { KeyPath } from '../load/positions.ts';
import { FIELD_TYPES, type DeclaredField, type EvidenceDeclaration } from '../validate/declared-evidence.ts';
import { didYouMean } from '../validate/did-you-mean.ts';
import { describeField, evidenceFormat, type FormatNode } from './field-paths.ts';
import type { Located } from './load-pack.ts';

const declaredField: z.ZodType<DeclaredField> = z
  .strictObject({
    type: z.enum(FIELD_TYPES),
    description: z.string().min(1).optional(),
    /** False by default: as in the format's own sections, a rule judges whether a field is given. */
    required: z.boolean().optional(),
    values: z.array(z.string().min(1)).min(1).optional().describe('the values a one-of field may take'),
    get fields() {
      return z.record(z.string(), declaredField).optional().describe("a section's fields");
    },
    get items() {
      return z.record(z.string(), declaredField).optional().describe('the fields of each item of a list');
    },
  })
  .meta({ id: 'declared_field', description: 'a field: its type, and its description' });

const fieldMap = z.record(z.string(), declaredField);

export const evidenceDeclarationSchema = z
  .strictObject({
    sections: z
      .record(z.string(), z.strictObject({ description: z.string().min(1).optional(), fields: fieldMap.optional(), items: fieldMap.optional() }))
      .optional()
      .describe('new top-level sections of the return: a section with fields, or a list with items'),
    add_fields: z.record(z.string(), fieldMap).optional().describe("fields added to an existing section, or to each item of an existing list, by its dotted path"),
  })
  .describe('what the pack adds to the evidence format');
export type EvidenceDeclarationDefinition = z.infer<typeof evidenceDeclarationSchema>;

const SNAKE = /^[a-z][a-z0-9_]*$/;
/** The return's header is the same under every pack. */
const HEADER = ['format', 'provider', 'period', 'submitted', '$schema'];

type Say = (message: string, path: KeyPath, part?: 'key' | 'value') => void;

/**
 * A map of declared fields: every name snake_case, every type with the keys it takes and only those. `evidence` is
 * where attachments are listed (attachments-present checks every `evidence:` list, require_evidence counts an item's),
 * so that name and the attachments type go together.
 */
function fieldsOk(fields: Record<string, DeclaredField>, path: KeyPath, say: Say): boolean {
  let ok = true;
  const fail = (message: string, at: KeyPath, part: 'key' | 'value' = 'key') => {
    say(message, at, part);
    ok = false;
  };
  if (Object.keys(fields).length === 0) fail('a section or list needs at least one field', path);
  for (const [name, field] of Object.entries(fields)) {
    const at = [...path, name];
    if (!SNAKE.test(name)) {
      fail(`field name ${JSON.stringify(name)} must be snake_case: lowercase letters, digits and _, starting with a letter`, at);
      continue;
    }
    if (name === 'evidence' && field.type !== 'attachments') fail('"evidence" is where attachments are listed: its type must be attachments', [...at, 'type'], 'value');
    if (name !== 'evidence' && field.type === 'attachments') fail(`attachments are listed under a field named evidence, which attachments-present checks and require_evidence counts: rename "${name}" to evidence`, at);
    if (field.type === 'one-of' && !field.values) fail('type one-of needs values: the list of values the field may take', [...at, 'type'], 'value');
    if (field.type !== 'one-of' && field.values) fail(`values are for type one-of only; "${name}" is ${field.type}`, [...at, 'values']);
    if (field.values && new Set(field.values).size < field.values.length) fail('values are listed more than once', [...at, 'values'], 'value');
    for (const [key, type] of [['fields', 'section'], ['items', 'list']] as const) {
      if (field.type === type && !field[key]) fail(`type ${type} needs ${key}: ${key === 'fields' ? "the section's fields" : "the fields of each item"}`, [...at, 'type'], 'value');
      if (field.type !== type && field[key]) fail(`${key} are for type ${type} only; "${name}" is ${field.type}`, [...at, key]);
      if (field.type === type && field[key] && !fieldsOk(field[key], [...at, key], say)) ok = false;
    }
  }
  return ok;
}

/** A mapping's fields in the format's JSON Schema: the node's own, or those of each item of a list of mappings. */
function mappingOf(node: FormatNode): FormatNode | undefined {
  if (node.properties) return node;
  if (node.items?.properties) return node.items;
  return undefined;
}

/** The declared fields at `names` (a section, or the items of a list), or why there are none. */
function declaredAt(declaration: EvidenceDeclaration, names: string[]): Record<string, DeclaredField> | string {
  const section = declaration.sections[names[0]!]!;
  let fields = (section.fields ?? section.items)!;
  let place = names[0]!;
  for (const [i, name] of names.slice(1).entries()) {
    const field = Object.hasOwn(fields, name) ? fields[name]! : undefined;
    if (!field) {
      const suggestion = didYouMean(name, Object.keys(fields));
      return `no field "${name}" in ${place}${suggestion ? `; did you mean "${suggestion}"?` : ` (its fields: ${Object.keys(fields).join(', ')})`}`;
    }
    const inner = field.fields ?? field.items;
    if (!inner) return `${i === names.length - 2 ? 'it' : `"${place}.${name}"`} is a field of type ${field.type}, not a section or a list of items`;
    [fields, place] = [inner, `${place}.${name}`];
  }
  return fields;
}

/** The keys the format's own mapping at `names` has, or why `names` is not a mapping of the format. */
function formatKeysAt(names: string[]): string[] | string {
  let node = evidenceFormat();
  let place = '';
  for (const name of names) {
    const mapping = mappingOf(node)!;
    if (!Object.hasOwn(mapping.properties!, name)) {
      const suggestion = didYouMean(name, Object.keys(mapping.properties!));
      return `no field "${name}" in ${place || 'the evidence file'}${suggestion ? `; did you mean "${suggestion}"?` : ''}`;
    }
    node = mapping.properties![name]!;
    place = place ? `${place}.${name}` : name;
    if (!mappingOf(node)) return `${place === names.join('.') ? 'it' : `"${place}"`} is ${describeField(node)}, not a section or a list of items`;
  }
  return Object.keys(mappingOf(node)!.properties!);
}

export interface DeclaredEvidence {
  /** Undefined when no pack of the lineage declares anything: the format as it is. */
  declared?: EvidenceDeclaration;
  problems: Diagnostic[];
}

/** The declarations of `packs` (the pack a lineage starts from first), each checked against those before it. */
export function declareEvidence(packs: readonly Located<{ id: string; evidence?: EvidenceDeclarationDefinition }>[]): DeclaredEvidence {
  const declared: EvidenceDeclaration = { sections: {}, add_fields: {} };
  /** The pack that declared each section, and each field added by path (`ladder.lived_experience`). */
  const origin = new Map<string, string>();
  const problems: Diagnostic[] = [];
  let any = false;
  for (const { definition, file, positions } of packs) {
    const own = definition.evidence;
    if (!own) continue;
    any = true;
    const say: Say = (message, path, part = 'key') =>
      problems.push({ code: 'invalid-value', severity: 'error', message, file, ...positions.locate(['evidence', ...path], part) });
    const known = Object.keys(mappingOf(evidenceFormat())!.properties!);
    for (const [name, section] of Object.entries(own.sections ?? {})) {
      const at = ['sections', name];
      if (!SNAKE.test(name)) say(`section name ${JSON.stringify(name)} must be snake_case: lowercase letters, digits and _, starting with a letter`, at);
      else if (known.includes(name)) say(`section "${name}" is already in the evidence format; add fields to it with add_fields`, at);
      else if (Object.hasOwn(declared.sections, name)) say(`section "${name}" is already declared by pack "${origin.get(name)}"; add fields to it with add_fields`, at);
      else if (!section.fields === !section.items) say(`section "${name}" needs ${section.fields ? 'either fields or items, not both' : 'fields (a section of fields) or items (a list of items)'}`, at);
      else if (fieldsOk((section.fields ?? section.items)!, [...at, section.fields ? 'fields' : 'items'], say)) {
        declared.sections[name] = structuredClone(section);
        origin.set(name, definition.id);
      }
    }
    for (const [dotted, fields] of Object.entries(own.add_fields ?? {})) {
      const at = ['add_fields', dotted];
      const names = dotted.split('.');
      if (HEADER.includes(names[0]!)) {
        say(`add_fields cannot change the return's header ("${names[0]}"): it is the same under every pack`, at);
        continue;
      }
      const inDeclared = Object.hasOwn(declared.sections, names[0]!);
      const target = inDeclared ? declaredAt(declared, names) : formatKeysAt(names);
      if (typeof target === 'string') {
        say(`add_fields path "${dotted}": ${target}`, at);
        continue;
      }
      const existing = Array.isArray(target) ? [...target, ...Object.keys(declared.add_fields[dotted] ?? {})] : Object.keys(target);
      let clash = false;
      for (const name of Object.keys(fields).filter((n) => existing.includes(n))) {
        const by = origin.get(`${dotted}.${name}`) ?? (inDeclared ? origin.get(names[0]!) : undefined);
        say(`${dotted} already has a field "${name}"${by ? `, declared by pack "${by}"` : ' in the evidence format'}`, [...at, name]);
        clash = true;
      }
      if (clash || !fieldsOk(fields, at, say)) continue;
      for (const name of Object.keys(fields)) origin.set(`${dotted}.${name}`, definition.id);
      if (Array.isArray(target)) declared.add_fields[dotted] = { ...declared.add_fields[dotted], ...structuredClone(fields) };
      else Object.assign(target, structuredClone(fields));
    }
  }
  return { ...(any ? { declared } : {}), problems };
}

// Validate stage: the evidence format as a pack extends it. A pack's declaration is plain data (it travels to worker
// threads and into the build's snapshot); the zod schema is built from it once per thread and kept beside it.
import * as z from 'zod';
import { count, date, evidence, evidenceSchema, money } from './evidence-schema.ts';

export const FIELD_TYPES = ['text', 'date', 'count', 'money', 'yes-no', 'one-of', 'attachments', 'section', 'list'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface DeclaredField {
  type: FieldType;
  description?: string;
  required?: boolean;
  /** The values a one-of field may take. */
  values?: string[];
  /** A section's fields. */
  fields?: Record<string, DeclaredField>;
  /** The fields of each item of a list. */
  items?: Record<string, DeclaredField>;
}

/** A new top-level section: a section of `fields`, or a list of `items`. */
export interface DeclaredSection {
  description?: string;
  fields?: Record<string, DeclaredField>;
  items?: Record<string, DeclaredField>;
}

/**
 * What a pack, with the packs it extends, adds to the format. Fields added to a declared section are folded into it,
 * so `add_fields` holds only additions to the format's own sections, by dotted path.
 */
export interface EvidenceDeclaration {
  sections: Record<string, DeclaredSection>;
  add_fields: Record<string, Record<string, DeclaredField>>;
}

function fieldSchema(field: DeclaredField): z.ZodType {
  const byType: Record<FieldType, () => z.ZodType> = {
    text: () => (field.required ? z.string().min(1) : z.string()),
    date: () => date,
    count: () => count,
    money: () => money,
    'yes-no': () => z.boolean(),
    'one-of': () => z.enum(field.values as [string, ...string[]]),
    attachments: () => evidence,
    section: () => z.strictObject(shapeOf(field.fields)),
    list: () => z.array(z.strictObject(shapeOf(field.items))),
  };
  const schema = byType[field.type]();
  const present = field.required ? schema : schema.optional();
  return field.description ? present.describe(field.description) : present;
}

const shapeOf = (fields: Record<string, DeclaredField> = {}) => Object.fromEntries(Object.entries(fields).map(([name, field]) => [name, fieldSchema(field)]));

/** `schema` with `shape` added to the mapping at `names` (through lists, to their items), keeping every description. */
function withFields(schema: z.ZodType, names: readonly string[], shape: Record<string, z.ZodType>): z.ZodType {
  const meta = z.globalRegistry.get(schema);
  let out: z.ZodType;
  if (schema instanceof z.ZodOptional) out = withFields(schema.unwrap() as z.ZodType, names, shape).optional();
  else if (schema instanceof z.ZodArray) out = z.array(withFields(schema.element as z.ZodType, names, shape));
  else if (schema instanceof z.ZodObject) {
    const [name, ...rest] = names;
    out = name === undefined ? schema.extend(shape) : schema.extend({ [name]: withFields(schema.shape[name] as z.ZodType, rest, shape) });
  } else throw new Error(`cannot add fields at ${names.join('.')}: the pack's declaration was not checked`);
  return meta ? out.meta(meta) : out;
}

function build(declaration: EvidenceDeclaration): z.ZodType {
  let schema: z.ZodType = evidenceSchema;
  for (const [path, fields] of Object.entries(declaration.add_fields)) schema = withFields(schema, path.split('.'), shapeOf(fields));
  const sections = Object.entries(declaration.sections).map(([name, section]) => {
    const own = section.items ? z.array(z.strictObject(shapeOf(section.items))) : z.strictObject(shapeOf(section.fields));
    return [name, section.description ? own.optional().describe(section.description) : own.optional()] as const;
  });
  return withFields(schema, [], Object.fromEntries(sections));
}

const built = new WeakMap<EvidenceDeclaration, z.ZodType>();

/** The schema of the format a pack reads: the core format, or it extended by the pack's declaration (built once). */
export function evidenceSchemaFor(declaration?: EvidenceDeclaration): z.ZodType {
  if (!declaration) return evidenceSchema;
  let schema = built.get(declaration);
  if (!schema) built.set(declaration, (schema = build(declaration)));
  return schema;
}

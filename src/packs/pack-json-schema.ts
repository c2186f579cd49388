// Packs stage: the JSON Schema of rule files, pack.yaml and obligations.yaml (`involve schema --pack`), generated from their zod schemas
// and each check kind's parameters, so a pack author's editor completes and checks them as it does evidence.
import * as z from 'zod';
import { checkKinds } from '../evaluate/checks/index.ts';
import { registerDefinitionSchema } from './register.ts';
import { packDefinitionSchema, ruleDefinitionSchema } from './rule-schema.ts';

type JsonSchema = { [key: string]: unknown; type?: unknown; properties?: Record<string, JsonSchema>; items?: JsonSchema; anyOf?: JsonSchema[]; required?: string[] };

export type PackSchemaPart = 'rule' | 'pack' | 'register';

const DIALECT = 'https://json-schema.org/draft/2020-12/schema';
const PARAM: JsonSchema = { type: 'string', pattern: '^\\$.', patternErrorMessage: "Must be one of the rule's params, written $name.", description: "one of the rule's params, written $name" };

// Defaults are left out of `required` (io: input): a rule need not write what has a default.
const jsonOf = (schema: z.ZodType): JsonSchema => {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io: 'input' }) as JsonSchema;
  return rest;
};

/** Any value inside `check` may instead be a `$name`, which the pack fills in from the rule's params. */
function allowParams(schema: JsonSchema): JsonSchema {
  const out: JsonSchema = { ...schema };
  if (schema.properties) out.properties = Object.fromEntries(Object.entries(schema.properties).map(([key, value]) => [key, orParam(allowParams(value))]));
  if (schema.items) out.items = orParam(allowParams(schema.items));
  if (schema.anyOf) out.anyOf = schema.anyOf.map(allowParams);
  return out;
}

const orParam = (schema: JsonSchema): JsonSchema => (schema.type === 'string' && !schema.enum && !schema.pattern ? schema : { anyOf: [schema, PARAM] });

/**
 * A rule's `check`: one kind's parameters, chosen by `kind`. What kinds share by name (a condition inside any_of,
 * which may hold any_of again) is defined once in `defs`, for the document's top, where `#/$defs/…` looks.
 */
function checkSchema(defs: Record<string, JsonSchema>): JsonSchema {
  const kinds = Object.entries(checkKinds).map(([kind, { params }]) => {
    const { $defs, ...own } = allowParams(jsonOf(params));
    for (const [name, def] of Object.entries(($defs ?? {}) as Record<string, JsonSchema>)) defs[name] = allowParams(def);
    return { ...own, properties: { kind: { const: kind }, ...own.properties }, required: ['kind', ...(own.required ?? [])] };
  });
  return { description: 'the check the rule makes: a kind, and that kind’s parameters', type: 'object', required: ['kind'], oneOf: kinds };
}

function ruleSchema(): JsonSchema {
  const rule = jsonOf(ruleDefinitionSchema);
  const $defs: Record<string, JsonSchema> = {};
  return { title: 'An involve rule file', ...rule, properties: { ...rule.properties, check: checkSchema($defs) }, $defs };
}

const packSchema = (): JsonSchema => ({ title: 'An involve pack.yaml', ...jsonOf(packDefinitionSchema) });
const registerSchema = (): JsonSchema => ({ title: "An involve pack's obligations.yaml", ...jsonOf(registerDefinitionSchema) });

/** The schema of one kind of file, or (no `part`) of either, for an editor pointed at a whole pack folder. */
export function packJsonSchema(part?: PackSchemaPart): JsonSchema {
  if (part === 'rule') return { $schema: DIALECT, ...ruleSchema() };
  if (part === 'pack') return { $schema: DIALECT, ...packSchema() };
  if (part === 'register') return { $schema: DIALECT, ...registerSchema() };
  const parts = [packSchema(), ruleSchema(), registerSchema()];
  // Recursive definitions (a declared field's fields, a condition inside any_of) are referred to from the root, so
  // their $defs must stand there.
  const $defs = Object.assign({}, ...parts.map(({ $defs: defs }) => defs ?? {})) as Record<string, JsonSchema>;
  const anyOf = parts.map(({ $defs: _, ...part }) => part);
  return { $schema: DIALECT, title: 'An involve rule pack file: pack.yaml, a rule or obligations.yaml', anyOf, ...(Object.keys($defs).length ? { $defs } : {}) };
}

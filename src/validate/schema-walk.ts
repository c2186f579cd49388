// Validate stage: the little zod introspection we need (known keys for "did you mean", date fields),
// kept in one place so nothing else depends on zod's internal definitions.
import type { z } from 'zod';

type Schema = z.ZodType;
type Def = {
  type: string;
  innerType?: Schema;
  element?: Schema;
  options?: Schema[];
  shape?: Record<string, Schema>;
  format?: string;
  keyType?: Schema;
  valueType?: Schema;
  entries?: Record<string, string>;
};

const defOf = (schema: Schema) => (schema as unknown as { def: Def }).def;

function unwrap(schema: Schema): Schema {
  let s = schema;
  while (defOf(s).innerType) s = defOf(s).innerType!;
  return s;
}

/** The schemas a value at `path` may be checked against. */
function schemasAt(root: Schema, path: readonly PropertyKey[]): Schema[] {
  let current = [unwrap(root)];
  for (const segment of path) {
    const next: Schema[] = [];
    for (const s of current.flatMap(expandUnion)) {
      const def = defOf(s);
      // Own keys only: a pack may name "toString", which every shape object inherits.
      if (def.type === 'object' && typeof segment === 'string' && def.shape && Object.hasOwn(def.shape, segment)) next.push(unwrap(def.shape[segment]!));
      if (def.type === 'array' && typeof segment === 'number') next.push(unwrap(def.element!));
      if (def.type === 'record' && typeof segment === 'string') next.push(unwrap(def.valueType!));
    }
    current = next;
  }
  return current.flatMap(expandUnion);
}

/** The object schemas a value at `path` may be checked against. */
export function objectSchemasAt(root: Schema, path: readonly PropertyKey[]): Schema[] {
  return schemasAt(root, path).filter((s) => defOf(s).type === 'object');
}

/** The string or number format ('date', 'safeint') expected at `path`: zod's issue says only "string" or "number". */
export function formatAt(root: Schema, path: readonly PropertyKey[]): string | undefined {
  return schemasAt(root, path).map((s) => defOf(s).format).find((f) => f !== undefined);
}

function expandUnion(schema: Schema): Schema[] {
  const def = defOf(schema);
  return def.type === 'union' ? def.options!.map(unwrap) : [schema];
}

export function knownKeysAt(root: Schema, path: readonly PropertyKey[]): string[] {
  return [...objectSchemasAt(root, path).flatMap((s) => Object.keys(defOf(s).shape ?? {})), ...closedKeysAt(root, path)];
}

/** The keys a mapping at `path` may have when they are a closed list (a record keyed by an enum: service types). */
export function closedKeysAt(root: Schema, path: readonly PropertyKey[]): string[] {
  const keys = schemasAt(root, path).filter((s) => defOf(s).type === 'record').map((s) => defOf(unwrap(defOf(s).keyType!)));
  return keys.flatMap((key) => (key.type === 'enum' ? Object.values(key.entries ?? {}) : []));
}

const and = (names: string[]) => (names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names.join(''));

/** What each branch of a union at `path` takes, in words: "a path relative to this file", "a mapping with path and sha256". */
export function unionKindsAt(root: Schema, path: readonly PropertyKey[]): string[] {
  return schemasAt(root, path).map((s) => {
    const def = defOf(s);
    const described = (s as { description?: string }).description;
    if (def.type === 'enum') return `one of ${Object.values(def.entries ?? {}).join(', ')}`;
    if (def.type === 'object') return `a mapping with ${and(Object.keys(def.shape ?? {}))}`;
    return described ?? (def.type === 'string' ? 'text' : def.type);
  });
}

type Visit = (date: string, path: (string | number)[]) => void;
type Walker = (value: unknown, visit: Visit, path: (string | number)[]) => void;

// Worked out once per schema, not for every value of every file: which branches can hold a date at all.
const walkers = new WeakMap<Schema, Walker | null>();

function walkerOf(schema: Schema): Walker | null {
  if (walkers.has(schema)) return walkers.get(schema)!;
  walkers.set(schema, null); // a schema that refers to itself holds no date through that reference
  const parts: Walker[] = [];
  for (const s of expandUnion(unwrap(schema))) {
    const def = defOf(s);
    if (def.type === 'string' && def.format === 'date') {
      parts.push((value, visit, path) => {
        if (typeof value === 'string') visit(value, path);
      });
    } else if (def.type === 'object') {
      const fields = Object.entries(def.shape ?? {})
        .map(([key, child]) => [key, walkerOf(child)] as const)
        .filter((field): field is readonly [string, Walker] => field[1] !== null);
      if (fields.length > 0) {
        parts.push((value, visit, path) => {
          if (typeof value !== 'object' || Array.isArray(value)) return;
          for (const [key, walk] of fields) walk((value as Record<string, unknown>)[key], visit, [...path, key]);
        });
      }
    } else if (def.type === 'array') {
      const walk = walkerOf(def.element!);
      if (walk) {
        parts.push((value, visit, path) => {
          if (Array.isArray(value)) value.forEach((item, i) => walk(item, visit, [...path, i]));
        });
      }
    }
  }
  const walker: Walker | null =
    parts.length === 0
      ? null
      : (value, visit, path) => {
          if (value === undefined || value === null) return;
          for (const part of parts) part(value, visit, path);
        };
  walkers.set(schema, walker);
  return walker;
}

/** Calls `visit` for every ISO date value present in `value`, with its path. */
export function forEachDate(schema: Schema, value: unknown, visit: Visit, path: (string | number)[] = []): void {
  walkerOf(schema)?.(value, visit, path);
}

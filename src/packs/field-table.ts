// Packs stage: the evidence format's fields as a Markdown table (field, type, required, meaning), from its JSON
// Schema: docs/evidence-format.md's "Every field", and `involve schema --rules PACK --format markdown` for a pack's.
import type { FormatNode } from './field-paths.ts';

const code = (s: unknown) => `\`${String(s)}\``;
const cell = (s: string) => s.replace(/\s+/g, ' ').replace(/\|/g, '\\|');

function typeOf(s: FormatNode): string {
  if (s.const !== undefined) return `exactly ${code(s.const)}`;
  if (s.enum) return `one of ${s.enum.map(code).join(', ')}`;
  if (s.format === 'date') return 'date';
  if (s.anyOf) return s.anyOf.map(typeOf).join(' or ');
  if (s.type === 'array') return `list of ${typeOf(s.items!)}`;
  if (s.type === 'integer') return s.minimum !== undefined && s.maximum !== undefined && s.maximum < Number.MAX_SAFE_INTEGER ? `integer ${s.minimum}–${s.maximum}` : s.minimum === 0 ? 'whole number ≥ 0' : 'integer';
  if (s.type === 'number') return s.minimum === 0 ? 'number ≥ 0' : 'number';
  if (s.type === 'boolean') return 'true/false';
  if (s.type === 'object') return s.properties && Object.keys(s.properties).join().startsWith('path') ? '{path, sha256}' : 'mapping';
  return 'text';
}

// Required means given wherever its section or item is (the format's header, a pack's `required: true`).
function fieldRows(schema: FormatNode, prefix: string, out: string[][]): string[][] {
  for (const [key, child] of Object.entries(schema.properties ?? {})) {
    if (key === '$schema') continue;
    const path = `${prefix}${key}`;
    const isRequired = (schema.required ?? []).includes(key);
    const item = child.type === 'array' && child.items?.type === 'object' ? child.items : undefined;
    const meaning = child.description ?? item?.description ?? '';
    // The type column already says these.
    const said = ['a calendar date, YYYY-MM-DD', 'a whole number, 0 or more'].includes(meaning);
    out.push([code(path), typeOf(child), isRequired ? 'yes' : '', said ? '' : cell(meaning)]);
    if (child.type === 'object' && child.properties) fieldRows(child, `${path}.`, out);
    if (item?.properties) fieldRows(item, `${path}[].`, out);
  }
  return out;
}

/** Every field of the format `schema` describes, one row each, items of a list under `list[].`. */
export function fieldTable(schema: FormatNode): string {
  const head = ['field', 'type', 'required', 'meaning'];
  return [head, head.map(() => '---'), ...fieldRows(schema, '', [])].map((row) => `| ${row.join(' | ')} |`).join('\n');
}

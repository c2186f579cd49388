// The README's field reference is generated from the zod schema (through its JSON Schema), so the docs
// cannot drift from what the loader accepts. UPDATE_DOCS=1 rewrites the block.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evidenceJsonSchema } from '../src/cli/commands/schema.ts';

interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  description?: string;
}

function typeOf(s: JsonSchema): string {
  if (s.const !== undefined) return `exactly \`${String(s.const)}\``;
  if (s.enum) return `one of ${s.enum.map((v) => `\`${String(v)}\``).join(', ')}`;
  if (s.format === 'date') return 'date';
  if (s.anyOf) return s.anyOf.map(typeOf).join(' or ');
  if (s.type === 'array') return `list of ${typeOf(s.items!)}`;
  if (s.type === 'integer') return s.minimum !== undefined && s.maximum !== undefined && s.maximum < Number.MAX_SAFE_INTEGER ? `integer ${s.minimum}–${s.maximum}` : s.minimum === 0 ? 'whole number ≥ 0' : 'integer';
  if (s.type === 'number') return s.minimum === 0 ? 'number ≥ 0' : 'number';
  if (s.type === 'boolean') return 'true/false';
  if (s.type === 'object') return s.properties && Object.keys(s.properties).join().startsWith('path') ? '{path, sha256}' : 'mapping';
  return 'text';
}

function rows(schema: JsonSchema, prefix: string, required: boolean, out: string[]): string[] {
  for (const [key, child] of Object.entries(schema.properties ?? {})) {
    if (key === '$schema') continue;
    const path = `${prefix}${key}`;
    const isRequired = required && (schema.required ?? []).includes(key);
    const item = child.type === 'array' && child.items?.type === 'object' ? child.items : undefined;
    const meaning = child.description ?? item?.description ?? '';
    // The type column already says these.
    const said = ['a calendar date, YYYY-MM-DD', 'a whole number, 0 or more'].includes(meaning);
    out.push(`| \`${path}\` | ${typeOf(child)} | ${isRequired ? 'yes' : ''} | ${said ? '' : meaning} |`);
    if (child.type === 'object' && child.properties) rows(child, `${path}.`, isRequired, out);
    if (item?.properties) rows(item, `${path}[].`, false, out);
  }
  return out;
}

export function fieldReference(): string {
  const schema = evidenceJsonSchema() as JsonSchema;
  return ['| field | type | required | meaning |', '| --- | --- | --- | --- |', ...rows(schema, '', true, [])].join('\n');
}

describe('README', () => {
  it('documents every field of the evidence format, generated from the schema', () => {
    const path = join(import.meta.dirname, '..', 'README.md');
    const readme = readFileSync(path, 'utf8');
    const block = /(<!-- fields:start -->\n)([\s\S]*?)(\n<!-- fields:end -->)/;
    if (process.env.UPDATE_DOCS) writeFileSync(path, readme.replace(block, `$1${fieldReference()}$3`));
    expect(block.exec(readFileSync(path, 'utf8'))?.[2]).toBe(fieldReference());
  });
});

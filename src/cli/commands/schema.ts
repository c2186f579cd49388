// CLI command `involve schema`: the JSON Schema of the evidence format (as a pack extends it, with --rules), or of rule
// pack files, generated from the zod schemas; or the format's fields as a Markdown table.
import * as z from 'zod';
import { packJsonSchema, type PackSchemaPart } from '../../packs/pack-json-schema.ts';
import type { CompiledPack } from '../../packs/compile-pack.ts';
import { evidenceSchemaFor } from '../../validate/declared-evidence.ts';
import { fieldTable } from '../../packs/field-table.ts';
import type { FormatNode } from '../../packs/field-paths.ts';
import type { Io } from '../io.ts';
import { resolveSettings } from '../settings.ts';
import { writeReport } from '../write-report.ts';

/** The format a return is written in: the core one, or (`pack`) as that pack's declaration extends it. */
export function evidenceJsonSchema(pack?: CompiledPack): Record<string, unknown> {
  return {
    ...z.toJSONSchema(evidenceSchemaFor(pack?.evidence), { target: 'draft-2020-12' }),
    title: `Involvement evidence, format version 1${pack?.evidence ? `, with what pack ${pack.id} adds` : ''}`,
  };
}

export interface SchemaOptions {
  output?: string;
  /** true for the schema of pack.yaml, rule files and obligations.yaml, or the one named. */
  pack?: true | PackSchemaPart;
  /** The pack whose format is wanted; without it, the core format (a config's pack is not looked for). */
  rules?: string;
  format?: 'json' | 'markdown';
}

export function printSchema({ output, pack, rules, format = 'json' }: SchemaOptions, io: Io): number {
  if (pack) {
    writeReport(JSON.stringify(packJsonSchema(pack === true ? undefined : pack), null, 2), output, io);
    return 0;
  }
  const reads = rules === undefined ? undefined : resolveSettings({ rules, config: false }, '.', io)?.pack;
  if (rules !== undefined && !reads) return 2;
  const schema = evidenceJsonSchema(reads);
  writeReport(format === 'markdown' ? `${fieldTable(schema as FormatNode)}\n` : JSON.stringify(schema, null, 2), output, io);
  return 0;
}

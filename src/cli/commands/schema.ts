// CLI command `involve schema`: the JSON Schema of the evidence format, or of rule pack files, generated from the zod schemas.
import * as z from 'zod';
import { packJsonSchema, type PackSchemaPart } from '../../packs/pack-json-schema.ts';
import { evidenceSchema } from '../../validate/evidence-schema.ts';
import type { Io } from '../io.ts';
import { writeReport } from '../write-report.ts';

export function evidenceJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(evidenceSchema, { target: 'draft-2020-12' }),
    title: 'Involvement evidence, format version 1',
  };
}

/** `pack`: true for the schema of both pack.yaml and rule files, or the one named. */
export function printSchema({ output, pack }: { output?: string; pack?: true | PackSchemaPart }, io: Io): number {
  const schema = pack ? packJsonSchema(pack === true ? undefined : pack) : evidenceJsonSchema();
  writeReport(JSON.stringify(schema, null, 2), output, io);
  return 0;
}

// CLI command `involve schema`: the JSON Schema of the evidence format, generated from the zod schema.
import * as z from 'zod';
import { evidenceSchema } from '../../validate/evidence-schema.ts';
import type { Io } from '../io.ts';
import { writeReport } from '../write-report.ts';

export function evidenceJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(evidenceSchema, { target: 'draft-2020-12' }),
    title: 'Involvement evidence, format version 1',
  };
}

export function printSchema(output: string | undefined, io: Io): number {
  writeReport(JSON.stringify(evidenceJsonSchema(), null, 2), output, io);
  return 0;
}

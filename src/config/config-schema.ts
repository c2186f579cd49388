// Config stage: involve.config.yaml, a commissioner's settings for an evidence repository. Strict, as rule packs are.
import * as z from 'zod';
import { packDefinitionSchema } from '../packs/rule-schema.ts';
import { calendarDate, quarter, slug } from '../validate/plain-patterns.ts';

export const waiverSchema = z.strictObject({
  provider: slug('smart-cjs'),
  rule: slug('charter-displayed'),
  reason: z.string().min(1),
  approved_by: z.string().min(1),
  /** The last day the waiver holds (inclusive). */
  expires: calendarDate(),
  /** Limits the waiver to one quarter's return. */
  period: quarter('2026-Q3').optional(),
});
export type Waiver = z.infer<typeof waiverSchema>;

export const configSchema = z.strictObject({
  /** A shipped pack's name, or a path relative to this file. */
  pack: z.string().min(1).optional(),
  fail_on: z.enum(['red', 'amber', 'never']).optional(),
  /** `april` labels quarters by the UK financial year: 2026-Q3 is "Q2 2026/27". */
  year_start: z.enum(['january', 'april']).optional(),
  overrides: packDefinitionSchema.shape.overrides,
  waivers: z.array(waiverSchema).default([]),
  limits: z
    .strictObject({
      max_file_bytes: z.int().min(1024),
      max_depth: z.int().min(8).max(1000),
    })
    .partial()
    .optional(),
});
export type Config = z.infer<typeof configSchema>;

// Config stage: involve.config.yaml, a commissioner's settings for an evidence repository. Strict, as rule packs are.
import * as z from 'zod';
import { packDefinitionSchema } from '../packs/rule-schema.ts';
import { SERVICE_TYPES } from '../validate/evidence-schema.ts';
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

/** A provider that owes a return each quarter from `from` to `to` (commissioning.md, "The provider register"). */
export const registeredProviderSchema = z.strictObject({
  /** The provider.id its returns carry. */
  id: slug('smart-cjs'),
  name: z.string().min(1),
  contract: z.string().min(1).optional(),
  /** Wins over the return's own provider.service_type, so a provider cannot declare its way out of a rule. */
  service_type: z.enum(SERVICE_TYPES).optional(),
  /** The first quarter a return is due. */
  from: quarter('2024-Q2').optional(),
  /** The last quarter a return is due: the contract's end. */
  to: quarter('2027-Q1').optional(),
});
export type RegisteredProvider = z.infer<typeof registeredProviderSchema>;

export const configSchema = z.strictObject({
  /** A shipped pack's name, or a path relative to this file. */
  pack: z.string().min(1).optional(),
  fail_on: z.enum(['red', 'amber', 'never']).optional(),
  /** `april` labels quarters by the UK financial year: 2026-Q3 is "Q2 2026/27". */
  year_start: z.enum(['january', 'april']).optional(),
  overrides: packDefinitionSchema.shape.overrides,
  waivers: z.array(waiverSchema).default([]),
  /** Who owes a return: without it, nothing is ever missing. */
  providers: z.array(registeredProviderSchema).optional(),
  limits: z
    .strictObject({
      max_file_bytes: z.int().min(1024),
      max_depth: z.int().min(8).max(1000),
    })
    .partial()
    .optional(),
});
export type Config = z.infer<typeof configSchema>;

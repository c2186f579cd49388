// Packs stage: a rule file and a pack file as written. Strict: an unknown key is a located error, as in Vale.
import * as z from 'zod';
import { SERVICE_TYPES } from '../validate/evidence-schema.ts';
import { quarter, slug } from '../validate/plain-patterns.ts';
import { evidenceDeclarationSchema } from './evidence-declaration.ts';

export const SEVERITIES = ['required', 'recommended', 'aspirational'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const ruleId = slug('charter-displayed');
// A return for a quarter before it gets `skip`, so a verdict keeps the rules of its date.
const effectiveFrom = quarter('2027-Q1').describe('the first quarter the rule judges, YYYY-Qn; earlier returns get skip ("in force from …")');

export const citationSchema = z.strictObject({
  document: z.string().min(1),
  section: z.string().min(1),
  /** The policy's own words the rule rests on. */
  quote: z.string().min(1),
  /** Said when a parameter reads vague wording ("regular") in a particular way. */
  interpretation: z.string().optional(),
  /** Where a reader finds the document; reports link the citation to it. */
  url: z.httpUrl('a web address starting https:// or http://, such as https://example.org/policy.pdf').optional(),
});
export type Citation = z.infer<typeof citationSchema>;

/** What a rule asks of one kind of service instead of what it asks of the others: nothing, or other parameters. */
const serviceTypeScope = z
  .strictObject({
    /** The policy's reason the rule does not apply to this kind of service; the result is `skip` with it. */
    skip: z.string().min(1).optional(),
    /** Parameters for this kind of service, over the rule's own (as the pack and the config override them). */
    params: z.record(z.string(), z.unknown()).optional(),
  })
  .refine((scope) => (scope.skip === undefined) !== (scope.params === undefined), {
    message: "give either skip (the policy's reason the rule does not apply) or params, not both",
  });
export type ServiceTypeScope = z.infer<typeof serviceTypeScope>;

/** By `provider.service_type`; a type not named here is judged by the rule as it stands. */
const serviceTypes = z.partialRecord(z.enum(SERVICE_TYPES), serviceTypeScope);

export const ruleDefinitionSchema = z.strictObject({
  id: ruleId,
  title: z.string().min(1),
  description: z.string().min(1),
  severity: z.enum(SEVERITIES),
  effective_from: effectiveFrom.optional(),
  citation: citationSchema,
  /** For a provider's service manager: how to put it right. */
  hint: z.string().min(1),
  /** The rule's tunables; packs override these, and `check` refers to them as `$name`. */
  params: z.record(z.string(), z.unknown()).default({}),
  check: z.looseObject({ kind: z.string().min(1) }),
  messages: z.record(z.string(), z.string()),
  service_types: serviceTypes.optional(),
});
export type RuleDefinition = z.infer<typeof ruleDefinitionSchema>;

export const packDefinitionSchema = z.strictObject({
  id: ruleId,
  title: z.string().min(1),
  version: z.string().min(1).describe("the pack's revision, e.g. the year and month 2026-12; every report names it"),
  description: z.string().optional(),
  /** A shipped pack's name, or a path relative to this pack's folder. */
  extends: z.string().min(1).optional(),
  /** The pack's own rules in the order reports show them; when given, it must name every rule file. */
  rules: z.array(ruleId).optional(),
  /** Named rules taken from other packs, each as its own pack runs it, besides what `extends` gives. */
  include: z
    .array(
      z.strictObject({
        /** A shipped pack's name, or a path relative to this pack's folder. */
        pack: z.string().min(1),
        rules: z.array(ruleId).min(1),
      }),
    )
    .default([]),
  overrides: z
    .record(
      z.string(),
      z.strictObject({
        severity: z.enum([...SEVERITIES, 'off']).optional(),
        title: z.string().min(1).optional(),
        effective_from: effectiveFrom.optional(),
        params: z.record(z.string(), z.unknown()).optional(),
        citation: citationSchema.partial().optional(),
        hint: z.string().min(1).optional(),
        /** Each named type's entry replaces the one the rule (or an earlier override) gave that type. */
        service_types: serviceTypes.optional(),
      }),
    )
    .default({}),
  /** Sections and fields the pack adds to the evidence format (evidence-declaration.ts). */
  evidence: evidenceDeclarationSchema.optional(),
});
export type PackDefinition = z.infer<typeof packDefinitionSchema>;

// Validate stage: the evidence format, version 1, as a zod schema. It is the single source of truth:
// the TypeScript types, `involve schema` (JSON Schema) and the field table in docs/evidence-format.md derive from it.
import * as z from 'zod';
import { calendarDate, matching, quarter, slug } from './plain-patterns.ts';

export const date = calendarDate().describe('a calendar date, YYYY-MM-DD');
export const count = z.int().nonnegative().describe('a whole number, 0 or more');
export const money = z
  .number()
  .nonnegative()
  .refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, { message: 'money has at most two decimals (pence)' })
  .describe('pounds, at most two decimals');
const text = z.string();
const attachment = z.union([
  z.string().min(1).describe('a path relative to this file'),
  z.strictObject({
    path: z.string().min(1),
    sha256: matching(/^[0-9a-fA-F]{64}$/, '64 hexadecimal characters').optional(),
  }),
]);
export const evidence = z.array(attachment).describe('attachments held by the provider, relative to this file');
const staffMember = z.strictObject({
  name: text.optional().describe('a real name, not a placeholder such as TBC'),
  role: text.optional(),
  contact: text.optional().describe('an email address or a UK phone number'),
  since: date.optional().describe('in post since'),
});

export const SURVEY_KINDS = ['satisfaction', 'consultation', 'family', 'focus-group', 'feedback-box', 'interview-panel', 'other'] as const;
/** What a survey sought views on: the three subjects Nottingham's service level names. */
export const SURVEY_TOPICS = ['treatment-experience', 'running', 'proposed-changes'] as const;
export const EXPENSE_CATEGORIES = ['travel', 'lunch', 'childcare', 'phone', 'other'] as const;
export const INVOLVEMENT_LEVELS = ['individual', 'service', 'strategic', 'policy'] as const;
/** What kind of service the contract buys; packs scope rules by it (rules-and-reports.md). The first is the default. */
export const SERVICE_TYPES = ['treatment', 'criminal-justice', 'young-people', 'family-support', 'domestic-sexual-violence'] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];
/** The stages of a service an activity involved people in: "planning, development and delivery" (Nottingham 2015), "evaluating" (Oxfordshire 2009 4.1). */
export const INVOLVEMENT_STAGES = ['planning', 'development', 'delivery', 'evaluation'] as const;
/** What every service user is told at assessment (Oxfordshire 2009 3, 3.2, 4.2 and the charter's rights). */
export const INFORMATION_TOPICS = ['treatment-options', 'other-services', 'confidentiality', 'harm-reduction', 'self-help-groups', 'peer-support'] as const;

export const evidenceSchema = z
  .strictObject({
    $schema: z.string().optional().describe('editor hint; ignored'),
    format: z.literal('involvement-evidence/1').describe('the format and its version'),
    provider: z.strictObject({
      id: slug('smart-cjs').describe('a lowercase slug (a-z, 0-9, hyphens), stable across quarters'),
      name: z.string().min(1).describe("the service's name"),
      contract: z.string().optional().describe('contract reference'),
      service_type: z.enum(SERVICE_TYPES).optional().describe('the kind of service the contract buys; treatment when absent'),
    }),
    period: quarter('2026-Q3').describe('calendar quarter YYYY-Qn (Q3 is 1 July to 30 September)'),
    submitted: z.strictObject({
      on: date.describe('the day the return was submitted; no date in the file may be after it'),
      by: z.string().min(1).describe('who signed the return off'),
    }),

    involvement_lead: staffMember.optional().describe('Oxfordshire 2009 s.7 and 4.6: a named involvement lead'),
    charter: z
      .strictObject({
        logged_with_commissioner: date.optional(),
        explained_at_care_planning: z.boolean().optional(),
        sites: z
          .array(
            z.strictObject({
              site: text.optional(),
              rooms_used_by_service_users: count.optional(),
              rooms_displaying_charter: count.optional(),
              checked_on: date.optional(),
              evidence: evidence.optional(),
            }),
          )
          .optional(),
      })
      .optional()
      .describe("Oxfordshire 2009 3.1 and 4.1: the Service Users' Charter displayed in every room"),
    surveys: z
      .array(
        z.strictObject({
          title: text.optional(),
          kind: z.enum(SURVEY_KINDS).optional().describe('how the views were sought'),
          topics: z
            .array(z.enum(SURVEY_TOPICS))
            .optional()
            .describe("what views were sought on: the experience of treatment and care, the running of the service, proposed changes to how it is delivered"),
          from: date.optional(),
          to: date.optional().describe('the day it closed'),
          respondents: count.optional().describe('service users who gave their views (on an interview panel, the service users who sat on it)'),
          includes_families: z.boolean().optional(),
          results_fed_back: z.boolean().optional().describe('"you said, we did" published back to service users'),
          evidence: evidence.optional(),
        }),
      )
      .optional(),
    volunteer_expenses: z
      .strictObject({
        policy: z.strictObject({ covers: z.array(z.enum(EXPENSE_CATEGORIES)).optional(), evidence: evidence.optional() }).optional(),
        claims: z
          .array(
            z.strictObject({
              volunteer: text.optional().describe('a pseudonymous reference such as V-014 (letters, digits and hyphens, with a digit), never a name'),
              activity: text.optional(),
              date: date.optional(),
              categories: z.array(z.enum(EXPENSE_CATEGORIES)).optional(),
              claimed: money.optional(),
              reimbursed: money.optional(),
              paid_on: date.optional(),
            }),
          )
          .optional(),
      })
      .optional(),
    ladder: z
      .array(
        z.strictObject({
          rung: z.int().min(1).max(7).optional().describe('1 Information … 7 Initiating'),
          activity: text.optional(),
          date: date.optional(),
          evidence: evidence.optional(),
        }),
      )
      .optional()
      .describe('Nottingham CDP 2015: the Ladder of Participation'),

    complaints: z
      .strictObject({
        procedure_in_writing_at_start: z.boolean().optional().describe('procedure given in writing at the outset of each treatment episode'),
        lead: staffMember.optional().describe('the named staff member who deals with complaints'),
        received: count.optional().describe('complaints received in the quarter'),
        resolved: count.optional().describe('complaints resolved in the quarter'),
        advocacy_offered: z.boolean().optional().describe('a service user who would like support in making a complaint is given access to advocacy'),
        evidence: evidence.optional(),
      })
      .optional()
      .describe('Oxfordshire 2009 3.4'),
    advocacy: z
      .strictObject({
        services_promoted: z.array(text).optional().describe('independent specialist advocacy services users are told about'),
        how: text.optional(),
        evidence: evidence.optional(),
      })
      .optional()
      .describe('Oxfordshire 2009 4.1'),
    involvement_levels: z
      .array(
        z.strictObject({
          level: z.enum(INVOLVEMENT_LEVELS).optional(),
          activity: text.optional(),
          date: date.optional(),
          evidence: evidence.optional(),
        }),
      )
      .optional()
      .describe('Nottingham CDP 2015: individual, service, strategic and policy levels'),
    peer_mentors: z
      .strictObject({
        active: count.optional().describe('mentors active in the quarter; 0 when there is no scheme'),
        induction: z.boolean().optional(),
        training: z.boolean().optional(),
        dbs_checked: z.boolean().optional().describe('a DBS (criminal records) check for every mentor'),
        supervision: z.boolean().optional(),
        meetings: z.boolean().optional().describe('mentors take part in meetings, as paid staff do'),
        appraisal: z.boolean().optional().describe('mentors are appraised, as paid staff are'),
        policies_and_procedures: z.boolean().optional().describe("mentors work to the organisation's policies and procedures, and are told them at induction"),
        expenses_paid: z.boolean().optional(),
        evidence: evidence.optional(),
      })
      .optional()
      .describe('Oxfordshire 2009 4.1'),
    service_user_involvement: z
      .strictObject({
        activities: z
          .array(
            z.strictObject({
              activity: text.optional(),
              stage: z.enum(INVOLVEMENT_STAGES).optional().describe('the stage of the service it involved service users in'),
              date: date.optional(),
              participants: count.optional().describe('service users who took part'),
              evidence: evidence.optional(),
            }),
          )
          .optional(),
        user_groups: z
          .array(
            z.strictObject({
              group: text.optional().describe('the user group the service supports'),
              date: date.optional().describe('a day the group met'),
              evidence: evidence.optional(),
            }),
          )
          .optional(),
        ex_users_supported_into_employment: count
          .optional()
          .describe('ex-users the service supported in the quarter towards employment in drug and alcohol work (a trainee post, a placement)'),
      })
      .optional()
      .describe('Oxfordshire 2009 2, 4.1, 4.6 and 5.3: service users in the planning, development, delivery and evaluation of the service'),
    family_involvement: z
      .strictObject({
        not_appropriate: text
          .optional()
          .describe('why involving families is not appropriate for this service: information for the commissioner, who may grant a waiver; it exempts the service from no rule'),
        activities: z
          .array(
            z.strictObject({
              activity: text.optional(),
              stage: z.enum(INVOLVEMENT_STAGES).optional(),
              date: date.optional(),
              participants: count.optional(),
              evidence: evidence.optional(),
            }),
          )
          .optional(),
      })
      .optional()
      .describe("Oxfordshire 2009 4.1 and objective 4: families' and carers' views"),
    care_planning: z
      .strictObject({
        devised_with_service_users: z.boolean().optional(),
        copies_offered: z.boolean().optional(),
        audit: z
          .strictObject({
            date: date.optional().describe('the day the case files were audited'),
            plans_sampled: count.optional().describe('case files of service users in structured treatment looked at'),
            plans_written: count.optional().describe('of those, files holding a written care plan'),
            plans_with_all_elements: count
              .optional()
              .describe('plans holding every element Oxfordshire 2009 3.2 lists, from treatment goals and milestones to discharge planning and aftercare'),
            plans_signed_by_service_user: count.optional(),
            plans_reviewed_on_time: count.optional().describe('plans reviewed by the review date they set, or not yet due for review'),
            family_involvement_appropriate: count.optional().describe('plans for which involving a family member or carer was appropriate'),
            plans_with_family_involvement: count.optional().describe('plans a family member or carer was involved in'),
            evidence: evidence.optional(),
          })
          .optional()
          .describe('a case-file audit of care plans'),
        evidence: evidence.optional(),
      })
      .optional()
      .describe('Oxfordshire 2009 3.2; Nottingham CDP 2015 individual level'),
    information: z
      .strictObject({
        given_at_assessment: z.array(z.enum(INFORMATION_TOPICS)).optional().describe('what every service user is given information on at assessment'),
        evidence: evidence.optional(),
      })
      .optional()
      .describe('Oxfordshire 2009 3, 3.2, 4.2 and Appendix 1: information given to service users'),
    feedback: z
      .strictObject({
        routes: z
          .array(z.strictObject({ route: text.optional(), confidential: z.boolean().optional(), open_to_families: z.boolean().optional() }))
          .optional(),
        evidence: evidence.optional(),
      })
      .optional()
      .describe('Oxfordshire 2009 Appendix 1: the ways service users can feed back on the service'),
  })
  .describe('Quarterly service-user involvement evidence, format version 1');

export type Evidence = z.infer<typeof evidenceSchema>;

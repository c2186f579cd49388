// CLI command `involve init`: a commented starter evidence file for one provider and quarter. Never overwrites.
import { dirname, relative, resolve } from 'node:path';
import { parseQuarter, showDay } from '../../evaluate/calendar.ts';
import type { Io } from '../io.ts';
import { writeFileAtomically } from '../write-report.ts';

export interface InitOptions {
  provider?: string;
  period?: string;
  config?: boolean;
  output?: string;
}

export function starterEvidence(provider: string, period: string, schemaPath = '../involvement-evidence.schema.json'): string {
  const q = parseQuarter(period)!;
  const day = (offset: number) => showDay(q.first + offset);
  const last = showDay(q.last);
  const submitted = showDay(q.last + 7);
  return `# yaml-language-server: $schema=${schemaPath}
# (editor completion: create that file once with  involve schema --output involvement-evidence.schema.json)
# Quarterly service user involvement evidence for ${provider}, ${period} (${showDay(q.first)} to ${last}).
# Replace every example below with what your service did this quarter, delete what does not
# apply, then check it with:   involve audit ${period}/${provider}.yaml
# Dates are YYYY-MM-DD. No date may be after submitted.on. Never name a service user:
# refer to volunteers by a reference such as V-014.
format: involvement-evidence/1
provider:
  id: ${provider}
  name: Your service's name            # as on the contract
  # contract: ABC-2024-01              # optional contract reference
  # service_type: treatment            # optional: treatment (when left out) | criminal-justice |
  #                                    #   young-people | family-support | domestic-sexual-violence
period: ${period}
submitted:
  on: ${submitted}                     # the day you send this return
  by: Your name, Service Manager       # who signs the return off

# A named member of staff who leads on involvement (not "TBC").
involvement_lead:
  name: Firstname Lastname
  role: Involvement Coordinator
  contact: name@example.org            # work email or UK phone number
  # since: ${day(0)}                   # optional: in post since

# The Service Users' Charter, displayed in every room service users use.
charter:
  logged_with_commissioner: ${day(0)}  # when a copy was lodged with the commissioner
  explained_at_care_planning: true     # explained, and a hard copy offered, at care planning
  sites:
    - site: Main site
      rooms_used_by_service_users: 4   # 0 for a staff-only site
      rooms_displaying_charter: 4
      checked_on: ${day(60)}           # the date of the walk-round
      evidence: [photos/main-site-charter.jpg]

# Surveys of service users' views that closed this quarter.
surveys:
  - title: Quarterly satisfaction survey
    kind: satisfaction                 # satisfaction | consultation | family | focus-group |
                                       #   feedback-box | interview-panel | other
    topics: [treatment-experience, running]   # what views were sought on: treatment-experience |
                                       #   running (of the service) | proposed-changes
    from: ${day(30)}
    to: ${day(50)}                     # the day it closed
    respondents: 25
    includes_families: false
    results_fed_back: true             # "you said, we did" published to service users
    evidence: [reports/satisfaction-survey.pdf]

# Volunteers' expenses: the policy, and each claim made or paid this quarter.
volunteer_expenses:
  policy:
    covers: [travel, lunch]            # travel | lunch | childcare | phone | other
    evidence: [policies/volunteer-expenses.pdf]
  claims:
    - volunteer: V-001                 # a reference, never a name
      activity: Interview panel
      date: ${day(10)}
      categories: [travel]
      claimed: 12.40
      reimbursed: 12.40                # 0 or leave out while unpaid
      paid_on: ${day(20)}              # leave out while unpaid

# The Ladder of Participation: at least one activity for each of rungs 1 to 5 in the last
# 12 months (1 Information, 2 Positive Contributions, 3 Consultation, 4 Representation,
# 5 Decision Sharing; 6 Implementing and 7 Initiating are aspirational).
ladder:
  - rung: 1
    activity: Leaflets on treatment options in every waiting area
    date: ${day(5)}
  - rung: 2
    activity: Satisfaction survey
    date: ${day(50)}
  - rung: 3
    activity: Consultation on opening hours, with the decision fed back
    date: ${day(40)}
  - rung: 4
    activity: Service user representative at the operations meeting
    date: ${day(45)}
  - rung: 5
    activity: Service users on the interview panel for a new post
    date: ${day(10)}

# The sections below are asked for by the Oxfordshire and Nottingham packs; see docs/evidence-format.md.
complaints:
  procedure_in_writing_at_start: true  # given in writing at the start of each treatment episode
  lead:
    name: Firstname Lastname
    role: Service Manager
    contact: name@example.org
  received: 0                          # complaints received and resolved this quarter
  resolved: 0
  advocacy_offered: true               # access to advocacy for anyone who wants support to complain
advocacy:
  services_promoted: [Oxfordshire User Team, The Alliance]
# Service users in planning, developing, delivering and evaluating the service, each activity
# with its evidence (minutes, a report): Oxfordshire counts none without.
service_user_involvement:
  activities:
    - activity: Service users helped design the new evening group
      stage: development               # planning | development | delivery | evaluation
      date: ${day(25)}
      participants: 6
      evidence: [minutes/evening-group-design.pdf]
    - activity: Service user review of the group programme
      stage: evaluation
      date: ${day(55)}
      participants: 10
      evidence: [reports/group-programme-review.pdf]
# Families' and carers' views on planning and evaluating the service.
family_involvement:
  activities:
    - activity: Carers' evening on the new evening group
      stage: planning                  # planning | development | delivery | evaluation
      date: ${day(15)}
      participants: 8
    - activity: Family survey on the group programme
      stage: evaluation
      date: ${day(58)}
      participants: 14
peer_mentors:
  active: 0                            # mentors active this quarter; 0 when there is no scheme
  # With a scheme, confirm each of these for every mentor:
  # induction: true
  # training: true
  # dbs_checked: true
  # supervision: true
  # meetings: true
  # appraisal: true
  # policies_and_procedures: true
  # expenses_paid: true
care_planning:
  devised_with_service_users: true
  copies_offered: true
  audit:                               # a case-file audit this quarter; each count is of plans_sampled
    date: ${day(70)}
    plans_sampled: 20
    plans_written: 20
    plans_with_all_elements: 20        # every element the care plan must hold
    plans_signed_by_service_user: 20
    plans_reviewed_on_time: 20
    family_involvement_appropriate: 8
    plans_with_family_involvement: 8
    evidence: [reports/care-plan-audit.pdf]
information:
  # what every service user is given information on at assessment
  given_at_assessment: [treatment-options, other-services, confidentiality, harm-reduction, self-help-groups, peer-support]
  evidence: [policies/welcome-pack.pdf]
involvement_levels:                    # individual | service | strategic | policy
  - level: individual
    activity: Care plans reviewed with each service user
    date: ${day(20)}
  - level: service
    activity: Service user forum
    date: ${day(35)}
feedback:
  routes:
    - route: Feedback box in reception
      confidential: true
      open_to_families: true
`;
}

export const STARTER_CONFIG = `# involve.config.yaml: settings for this evidence repository. involve finds it by walking up
# from the folder it audits, as ESLint and Prettier find theirs; options on the command line win.

# The rule pack: core, nottingham-cdp-2015, oxfordshire-daat-2009, or a path relative to this file.
pack: core

# Exit 1 when any return is at or above this status: red (the default), amber or never.
fail_on: red

# january (the default) labels quarters by calendar year; april labels them by the UK financial
# year, so 2026-Q3 shows as "Q2 2026/27". Evidence files always use calendar quarters.
year_start: january

# Your own reading of the pack's rules: severities (required, recommended, aspirational, off),
# parameters and the quarter a rule comes into force (earlier returns get skip), by rule id.
# See: involve explain RULE
overrides: {}
#  surveys-conducted:
#    effective_from: 2027-Q2
#    params:
#      min_respondents: 10

# A waived failure shows as "waived" with its reason and does not count towards red or amber.
# After \`expires\` (inclusive) the failure comes back, noting that the waiver lapsed.
waivers: []
#  - provider: smart-cjs
#    rule: charter-displayed
#    reason: Ground floor closed for refurbishment until December
#    approved_by: A. Commissioner, Oxfordshire DAAT
#    expires: 2026-12-31
#    period: 2026-Q3          # optional: this quarter's return only

# Limits on what is read (defaults shown).
# limits:
#   max_file_bytes: 1048576
#   max_depth: 64
`;

function writeNew(path: string, text: string, io: Io, then: string): number {
  const shown = relative(io.cwd, path) || path;
  try {
    // Whole or not at all, and never over anyone's work: an interrupted init leaves nothing to block a rerun.
    writeFileAtomically(path, text, io.signals, false);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.stderr.write(code === 'EEXIST' ? `involve: ${shown} already exists; it was left as it is\n` : `involve: cannot write ${shown} (${code ?? (error as Error).message})\n`);
    return 2;
  }
  io.stdout.write(`Wrote ${shown}. ${then.replace('FILE', shown)}\n`);
  return 0;
}

export function init(options: InitOptions, io: Io): number {
  if (options.config) return writeNew(resolve(io.cwd, options.output ?? 'involve.config.yaml'), STARTER_CONFIG, io, 'Edit it, then run: involve audit');
  if (!options.provider || !options.period) {
    io.stderr.write('involve: init needs --provider and --period (or --config for a starter config)\n');
    return 2;
  }
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(options.provider)) {
    io.stderr.write(`involve: --provider "${options.provider}" must be a lowercase id of letters, digits and single hyphens, e.g. smart-cjs\n`);
    return 2;
  }
  const path = resolve(io.cwd, options.output ?? `${options.period}/${options.provider}.yaml`);
  const schema = relative(dirname(path), resolve(io.cwd, 'involvement-evidence.schema.json')).split('\\').join('/');
  return writeNew(path, starterEvidence(options.provider, options.period, schema), io, 'Fill it in, then check it with: involve audit FILE');
}

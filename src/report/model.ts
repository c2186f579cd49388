// Report stage: the report model every format renders. Its stable fields are the JSON contract of rules-and-reports.md;
// the rest carry what the meeting and CI formats need. Positions are 1-based, computed once when the report is built.
/** `waived`: a failure or warning a commissioner has waived (involve.config.yaml); it counts towards no status. */
export type RuleStatus = 'pass' | 'fail' | 'warn' | 'info' | 'skip' | 'waived';
export type FileStatus = 'green' | 'amber' | 'red' | 'invalid';
export type Severity = 'required' | 'recommended' | 'aspirational';

export interface Citation {
  document: string;
  section: string;
  quote: string;
  interpretation?: string;
  /** Where a reader finds the document (http or https). */
  url?: string;
}

/** The values a message was filled from, by placeholder name (the rule's params aside). */
export type NoteData = Record<string, string | number | boolean>;

export interface Note {
  status: RuleStatus;
  /** The message's id in the rule's `messages`: what a test or a tool keys on, whatever the wording. */
  id: string;
  message: string;
  data: NoteData;
  line: number;
  column: number;
}

export interface FileProblem {
  code: string;
  message: string;
  line: number;
  column: number;
  /** Where in the file's data (`["surveys", 0, "to"]`), when the problem is with a value; the message says it in words. */
  path?: (string | number)[];
}

export interface RuleResult {
  rule: string;
  pack: string;
  severity: Severity;
  status: RuleStatus;
  message: string;
  /** The id of the headline finding's message, or of the first evidence's when the rule passes. */
  message_id?: string;
  citation: Citation;
  line: number;
  column: number;
  title: string;
  hint: string;
  /** Each thing missing or wrong, where it is. */
  findings: Note[];
  /** The evidence that satisfied the rule, where it is: why a provider is green. */
  evidence: Note[];
  /** Aspirational elements met. */
  commendations: Note[];
  /** The waiver that applies (status `waived`), or that lapsed (`lapsed: true`, the failure stands). */
  waiver?: AppliedWaiver;
}

export interface AppliedWaiver {
  reason: string;
  approved_by: string;
  /** Last day it holds, inclusive. */
  expires: string;
  lapsed: boolean;
}

/**
 * A waiver in the config for a provider this report covers, and what it did. A waiver for a provider with no
 * return in the report is not in it at all: a report about one provider says nothing about another.
 */
export interface WaiverUse {
  provider: string;
  rule: string;
  period?: string;
  reason: string;
  approved_by: string;
  expires: string;
  /** applied: waived a failure; lapsed: past its expiry, the failure stands; stale: nothing failed to waive
   * (remove it); other-period: it names a quarter of the provider that this report does not cover. */
  state: 'applied' | 'lapsed' | 'stale' | 'other-period';
  /** For other-period: the provider's quarters this report does cover. */
  report_periods?: string[];
}

export interface FileReport {
  file: string;
  provider: string;
  provider_name?: string;
  /** The kind of service the file was judged as (provider.service_type, else treatment); absent when it did not load. */
  service_type?: string;
  period: string | null;
  status: FileStatus;
  submitted_on?: string;
  errors: FileProblem[];
  warnings: FileProblem[];
  results: RuleResult[];
}

export interface Summary {
  files: number;
  red: number;
  amber: number;
  green: number;
  invalid: number;
  /** Rule results waived. */
  waived: number;
  /** Returns the provider register expects and the run did not find (0 without a register): each counts as red. */
  missing: number;
}

export interface RuleInfo {
  id: string;
  title: string;
  description: string;
  severity: Severity;
  /** The first quarter the rule judges, when not every one; earlier returns get `skip`. */
  effective_from?: string;
  citation: Citation;
  hint: string;
  defined_in: string;
}

/** One provider's status in each quarter the run saw (this run's files and --previous), oldest first. */
export interface History {
  periods: string[];
  providers: { provider: string; provider_name?: string; statuses: (FileStatus | null)[] }[];
}

export type RuleChangeKind = 'newly-failing' | 'fixed' | 'still-failing';

export interface RuleChange {
  provider: string;
  rule: string;
  change: RuleChangeKind;
  previous: RuleStatus;
  current: RuleStatus;
  /** What is wrong now; for a fixed rule, what was wrong before. */
  message: string;
}

export interface ProviderChange {
  provider: string;
  provider_name?: string;
  previous_period: string | null;
  previous: FileStatus | null;
  current_period: string | null;
  current: FileStatus | null;
}

/** The pack a saved report names; a report from before packs had versions names no version or hash. */
export type PreviousPack = Pick<PackInfo, 'id'> & Partial<Pick<PackInfo, 'version' | 'hash'>>;

/** What changed since last quarter (--previous), by provider and rule. "Failing" means fail or warn. */
export interface Changes {
  previous: {
    source: string;
    summary: Summary;
    /** The pack last quarter's results were judged by: this run's, unless they come from a saved report. */
    pack?: PreviousPack;
    /** Said when that pack is not this report's, in id, version or hash: the rules may differ. */
    note?: string;
  };
  providers: ProviderChange[];
  rules: RuleChange[];
  new_providers: string[];
  not_submitted: string[];
}

/** The pack a report was judged by: its revision, and the hash of its rules as compiled (with any config overrides). */
export interface PackInfo {
  id: string;
  title: string;
  lineage: string[];
  version: string;
  hash: string;
}

export interface Report {
  tool: { name: 'involve'; version: string };
  pack: PackInfo;
  /** The --period filter, when one was given. */
  period?: string;
  files: FileReport[];
  summary: Summary;
  /** Registered providers due in a quarter the run covers with no return for it, by provider then quarter. */
  missing: MissingReturn[];
  rules: RuleInfo[];
  history: History;
  changes?: Changes;
  waivers: WaiverUse[];
  /** The date waivers were judged at. */
  as_of: string;
  /** How each quarter in the report is labelled: 2026-Q3, or "Q2 2026/27" with a financial year from April. */
  period_labels: Record<string, string>;
}

/** A registered provider with no return for a quarter the register says one is due (commissioning.md). */
export interface MissingReturn {
  provider: string;
  name: string;
  period: string;
  contract?: string;
  /** Where the register names the provider: the config file, and its entry's line and column. */
  file?: string;
  line?: number;
  column?: number;
}

/** The fields a report opens with, known before any file is audited. */
export type ReportHead = Pick<Report, 'tool' | 'pack' | 'period'>;

// Service types in words where their slug is not plain English.
const SERVICE_WORDS: Record<string, string> = { 'young-people': "young people's", 'domestic-sexual-violence': 'domestic and sexual violence' };

/** The words a format shows for a service type: "a criminal justice service". */
export function serviceLabel(type: string): string {
  const words = Object.hasOwn(SERVICE_WORDS, type) ? SERVICE_WORDS[type]! : type.replace(/-/g, ' ');
  return `${/^[aeiou]/.test(words) ? 'an' : 'a'} ${words} service`;
}

/** "version 2026-12 (hash 1a2b3c4d5e6f)": how every format says which revision of the pack judged the report. */
export function packRevision(pack: Pick<PackInfo, 'version' | 'hash'>): string {
  return `version ${pack.version} (hash ${pack.hash})`;
}

/** "a", "a and b", "a, b and c". */
export const listed = (items: readonly string[]) => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

/** The label a format shows for a calendar quarter. */
export function periodLabel(report: Pick<Report, 'period_labels'>, period: string | null): string {
  return period === null ? 'period unknown' : (report.period_labels[period] ?? period);
}

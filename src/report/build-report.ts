// Report stage: a file's rule outcomes → located results and a RAG status; the run's files → the report, a file at a time.
import type { Diagnostic } from '../diagnostic.ts';
import type { Finding } from '../evaluate/checks/types.ts';
import type { RuleOutcome } from '../evaluate/evaluate-file.ts';
import type { PositionIndex } from '../load/positions.ts';
import type { CompiledPack } from '../packs/compile-pack.ts';
import type { RegisteredProvider, Waiver } from '../config/config-schema.ts';
import type { ProviderRegister } from '../config/load-config.ts';
import { quartersFrom, showDay, type Day } from '../evaluate/calendar.ts';
import { compareWithPrevious, HistoryBuilder, packNote } from './compare.ts';
import { statusOf } from './status.ts';
import { waiveFile, waiverUses } from './waivers.ts';

export { statusOf } from './status.ts';
import { listed, type FileProblem, type FileReport, type FileStatus, type MissingReturn, type Note, type PreviousPack, type Report, type ReportHead, type RuleResult, type Summary } from './model.ts';

export interface FileHeader {
  file: string;
  provider: string;
  provider_name?: string;
  service_type?: string;
  period: string | null;
  submitted_on?: string;
}

const problem = ({ code, message, line, column, path }: Diagnostic): FileProblem => ({ code, message, line, column, ...(path ? { path } : {}) });

export function toResults(outcomes: readonly RuleOutcome[], positions: PositionIndex, packId: string): RuleResult[] {
  const located = (f: Finding): Note => ({ status: f.status, id: f.id, message: f.message, data: f.data, ...positions.locate(f.path) });
  return outcomes.map(({ rule, status, findings, satisfied, commendations, skipped, hint }) => {
    const headline = skipped ? [skipped] : findings.filter((f) => f.status === status);
    const message =
      headline.length > 0
        ? headline.map((f) => f.message).join('; ')
        : (satisfied[0]?.message ?? rule.title);
    const where = headline[0] ?? satisfied[0];
    return {
      rule: rule.id,
      pack: packId,
      severity: rule.severity,
      status,
      message,
      ...(where ? { message_id: where.id } : {}),
      citation: rule.citation,
      ...(where ? positions.locate(where.path) : { line: 1, column: 1 }),
      title: rule.title,
      hint: hint ?? rule.hint,
      findings: [...(skipped ? [skipped] : []), ...findings].map(located),
      evidence: satisfied.map(located),
      commendations: commendations.map(located),
    };
  });
}

export function auditedFile(header: FileHeader, results: RuleResult[], warnings: Diagnostic[]): FileReport {
  return { ...header, status: statusOf(results), errors: [], warnings: warnings.map(problem), results };
}

export function invalidFile(header: FileHeader, errors: Diagnostic[], warnings: Diagnostic[]): FileReport {
  return { ...header, status: 'invalid', errors: errors.map(problem), warnings: warnings.map(problem), results: [] };
}

/**
 * What the report's totals keep of a file: its part in the summary and the history, and which waivers it used.
 * A run that writes its files out as they come keeps only this of each.
 */
export interface FileBrief {
  provider: string;
  provider_name?: string;
  period: string | null;
  status: FileStatus;
  /** Results waived. */
  waived: number;
  /** Indexes (in the config's list) of the waivers applied to, or lapsed on, one of its results. */
  used: number[];
  /** Indexes of the waivers naming its provider (and quarter). */
  matched: number[];
  /**
   * False for a return submitted after the audit's date that the register expects: not yet received, so it is
   * missing, not an invalid file, and the report holds no entry for it. Its quarter still counts as covered.
   */
  received?: false;
}

const emptySummary = (): Summary => ({ files: 0, red: 0, amber: 0, green: 0, invalid: 0, waived: 0, missing: 0 });

function countIn(summary: Summary, { status, waived }: Pick<FileBrief, 'status' | 'waived'>): void {
  summary.files++;
  summary[status]++;
  summary.waived += waived;
}

const waivedIn = (file: FileReport) => file.results.filter((r) => r.status === 'waived').length;

/** What decides a file's part in the report: the quarter kept (--period), the waivers, the day they are judged at, the register. */
export type FileScope = Pick<ReportContext, 'period' | 'waivers' | 'asOf' | 'register'>;

/** Whether the register expects a return from `entry` for `period`: its `from`..`to` includes it. */
export const isDue = (entry: Pick<RegisteredProvider, 'from' | 'to'>, period: string) => (!entry.from || entry.from <= period) && (!entry.to || period <= entry.to);

/** A return the register expects, submitted after the audit's date: not yet received (commissioning.md), so missing. */
function notYetReceived(file: FileReport, register: ProviderRegister | undefined): boolean {
  if (!register || file.period === null || !file.errors.some((e) => e.code === 'submitted-after-today')) return false;
  const entry = register.providers.find((p) => p.id === file.provider);
  return entry !== undefined && isDue(entry, file.period);
}

/**
 * One audited file's part in the report: nothing when --period leaves it out; only its brief (received: false)
 * when it is not yet received; else the file with its waivers applied (the only place they are) and its brief.
 * Pure and a file at a time, so that a run writing its files out as they come can do it where each file is
 * audited, on a worker thread.
 */
export function fileEntry(audited: FileReport, { period, waivers = [], asOf, register }: FileScope): { file?: FileReport; brief: FileBrief } | undefined {
  // A file whose quarter cannot be told (it did not load) stays in, so a broken return is never hidden.
  if (period && audited.period !== null && audited.period !== period) return undefined;
  if (notYetReceived(audited, register)) {
    return { brief: { provider: audited.provider, period: audited.period, status: audited.status, waived: 0, used: [], matched: [], received: false } };
  }
  const { file, used, matched } = waiveFile(audited, waivers, asOf);
  const named = file.provider_name !== undefined ? { provider_name: file.provider_name } : {};
  return { file, brief: { provider: file.provider, ...named, period: file.period, status: file.status, waived: waivedIn(file), used, matched } };
}

const NUMBER_WORDS = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/**
 * Two or more returns for one provider and quarter (commissioning.md): each is invalid, with an error naming the
 * others, whatever its own state; a resubmission replaces the old file. Judged over the run's whole list, before
 * waivers, so that a waiver never hides which file counts.
 */
export function markDuplicates(files: readonly FileReport[]): FileReport[] {
  const byReturn = new Map<string, FileReport[]>();
  for (const f of files) {
    if (f.period === null) continue;
    const key = `${f.provider}\u0000${f.period}`;
    const same = byReturn.get(key);
    if (same) same.push(f);
    else byReturn.set(key, [f]);
  }
  return files.map((f) => {
    const same = f.period === null ? [] : byReturn.get(`${f.provider}\u0000${f.period}`)!;
    return same.length < 2 ? f : markDuplicate(f, same.filter((o) => o !== f).map((o) => o.file));
  });
}

/** One of several returns for its provider and quarter: invalid, its error naming the `others` by path. */
export function markDuplicate(f: FileReport, others: readonly string[]): FileReport {
  const many = NUMBER_WORDS[others.length + 1] ?? String(others.length + 1);
  const error: FileProblem = {
    code: 'duplicate-return',
    message: `${many} returns for ${f.provider}, ${f.period}: this file and ${listed(others)}; a resubmission replaces the old file, so keep only one`,
    line: 1,
    column: 1,
  };
  return { ...f, status: 'invalid', errors: [error, ...f.errors], results: [] };
}

export function summarise(files: readonly FileReport[]): Summary {
  const summary = emptySummary();
  for (const f of files) countIn(summary, { status: f.status, waived: waivedIn(f) });
  return summary;
}

/** "2026-Q3", or with a financial year starting in April as UK commissioners count, "Q2 2026/27". */
export function labelPeriod(period: string, yearStart: 'january' | 'april'): string {
  const match = /^(\d{4})-Q([1-4])$/.exec(period);
  if (!match || yearStart === 'january') return period;
  const [year, quarter] = [Number(match[1]), Number(match[2])];
  const first = quarter === 1 ? year - 1 : year;
  return `Q${((quarter + 2) % 4) + 1} ${first}/${String((first + 1) % 100).padStart(2, '0')}`;
}

/** What the run of --previous gave: last quarter's files, as audited or as a saved report holds them. */
export interface Previous {
  files: FileReport[];
  /** The --previous path, as given. */
  source: string;
  /** A saved report's own summary; else the files are counted. */
  summary?: Summary;
  /** Set for a saved report: the pack it names (undefined when it names none). Evidence is judged by this run's pack. */
  saved?: { pack?: PreviousPack };
}

export interface ReportContext {
  version: string;
  /** The --period filter. */
  period?: string;
  previous?: Previous;
  waivers?: readonly Waiver[];
  /** The day waivers are judged at. */
  asOf: Day;
  yearStart?: 'january' | 'april';
  /** The config's provider register: with it, a registered provider due in a quarter the run covers and with no return is missing. */
  register?: ProviderRegister;
  /**
   * A run over a span of quarters (trend) covers every quarter from `from` to `to`, each defaulting to the first or
   * last quarter found, so a quarter in which nobody sent anything still has its missing returns. Without it a run
   * covers the quarters of its files and the --period.
   */
  span?: { from?: string; to?: string };
}

/**
 * The report, built a file at a time: from files kept whole (`add`), for the formats that lay the whole report out,
 * or from files written out as they came (`count`), of which it keeps only their briefs.
 */
export class ReportBuilder {
  /** The report's fields known before any file is audited: what a report written as it goes starts with. */
  readonly head: ReportHead;
  private readonly files: FileReport[] = [];
  /** Files added whole, held until the report is finished: only the whole list tells two returns for one quarter apart. */
  private readonly pending: FileReport[] = [];
  /** This run's files as audited, before waivers, for the comparison with last quarter's. */
  private readonly audited: FileReport[] = [];
  /** The quarters this run covers, and the returns received in them (provider, NUL, quarter), for the missing ones. */
  private readonly quarters = new Set<string>();
  private readonly received = new Set<string>();
  private readonly summary = emptySummary();
  private readonly history = new HistoryBuilder();
  private readonly used = new Set<number>();
  private readonly matched = new Set<number>();
  /** The quarters of each provider this report holds a return for: whose waivers it may show. */
  private readonly covered = new Map<string, Set<string | null>>();

  constructor(
    private readonly pack: CompiledPack,
    private readonly context: ReportContext,
  ) {
    this.head = { tool: { name: 'involve', version: context.version }, pack: { id: pack.id, title: pack.title, lineage: pack.lineage, version: pack.version, hash: pack.hash }, ...(context.period ? { period: context.period } : {}) };
    // Last quarter's files come first, so where both hold a provider's quarter, this run's status is the one shown.
    for (const f of context.previous?.files ?? []) this.history.add(f);
  }

  /** Adds an audited file, which the report keeps. */
  add(audited: FileReport): void {
    this.pending.push(audited);
  }

  /** Adds a file already written out, by its brief (fileEntry, done where the file was audited). */
  count(brief: FileBrief): void {
    if (brief.period !== null) this.quarters.add(structuredClone(brief.period));
    if (brief.received === false) return;
    if (brief.period !== null) this.received.add(structuredClone(`${brief.provider}\u0000${brief.period}`));
    countIn(this.summary, brief);
    // A copy: the history outlives the file, and its strings, as slices of the file's text (V8's sliced strings),
    // would keep every file read alive.
    this.history.add(structuredClone({ provider: brief.provider, provider_name: brief.provider_name, period: brief.period, status: brief.status }));
    for (const i of brief.used) this.used.add(i);
    for (const i of brief.matched) this.matched.add(i);
    // Copies, as for the history, made once per provider and quarter.
    let periods = this.covered.get(brief.provider);
    if (!periods) this.covered.set(structuredClone(brief.provider), (periods = new Set()));
    if (!periods.has(brief.period)) periods.add(structuredClone(brief.period));
  }

  /** What changed since last quarter, with a note when its results were judged by another pack, version or hash. */
  private changes(previous: Previous) {
    const now = this.head.pack;
    const pack = previous.saved ? previous.saved.pack : { id: now.id, version: now.version, hash: now.hash };
    const note = packNote(pack, now);
    const about = { source: previous.source, summary: previous.summary ?? summarise(previous.files), ...(pack ? { pack } : {}), ...(note ? { note } : {}) };
    return compareWithPrevious(previous.files, this.audited, about);
  }

  /** Each registered provider due in a quarter the run covers that sent no return for it, by provider then quarter. */
  private missing(): MissingReturn[] {
    const register = this.context.register;
    if (!register) return [];
    const { period, span } = this.context;
    let quarters = [...new Set([...this.quarters, ...(period ? [period] : [])])].sort();
    if (span) {
      const from = span.from ?? quarters[0];
      const to = span.to ?? quarters.at(-1);
      quarters = from && to ? quartersFrom(from, to) : [];
    }
    const missing = quarters.flatMap((period) =>
      register.providers
        .filter((p) => isDue(p, period) && !this.received.has(`${p.id}\u0000${period}`))
        .map(({ id, name, contract, line, column }) => ({ provider: id, name, period, ...(contract ? { contract } : {}), file: register.file, line, column })),
    );
    return missing.sort((a, b) => (a.provider < b.provider ? -1 : a.provider > b.provider ? 1 : a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  }

  finish(): Report {
    const { pack, context } = this;
    const { previous, asOf, yearStart = 'january' } = context;
    for (const audited of markDuplicates(this.pending.splice(0))) {
      const entry = fileEntry(audited, context);
      if (!entry) continue;
      if (entry.file) {
        if (previous) this.audited.push(audited);
        this.files.push(entry.file);
      }
      this.count(entry.brief);
    }
    const missing = this.missing();
    this.summary.missing = missing.length;
    // A missing provider has a row in the history, with no status for the quarter it owes.
    for (const m of missing) this.history.expect(m.provider, m.name, m.period);
    const history = this.history.build();
    const waivers = waiverUses(context.waivers ?? [], this.used, this.matched, this.covered, asOf);
    // Every quarter a format may print: the history's, the one asked for, and those the waivers shown name.
    const periods = new Set([...history.periods, ...(context.period ? [context.period] : []), ...waivers.flatMap((w) => (w.period ? [w.period] : []))]);
    return {
      ...this.head,
      files: this.files,
      summary: this.summary,
      missing,
      rules: pack.rules.map((r) => ({
        id: r.id,
        title: r.title,
        description: r.description,
        severity: r.severity,
        ...(r.effectiveFrom ? { effective_from: r.effectiveFrom } : {}),
        citation: r.citation,
        hint: r.hint,
        defined_in: r.definedIn,
      })),
      history,
      ...(previous ? { changes: this.changes(previous) } : {}),
      waivers,
      as_of: showDay(asOf),
      period_labels: Object.fromEntries([...periods].sort().map((p) => [p, labelPeriod(p, yearStart)])),
    };
  }
}

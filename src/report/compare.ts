// Report stage: what changed since last quarter, by provider and rule, and each provider's status over the quarters seen.
import type { Changes, FileReport, FileStatus, History, PackInfo, PreviousPack, ProviderChange, RuleChange, RuleStatus } from './model.ts';

const failing = (status: RuleStatus) => status === 'fail' || status === 'warn';

/** Each provider's return for `period` in a set of files; a file whose quarter cannot be told stands for the latest. */
function returnsFor(files: readonly FileReport[], period: string | undefined): Map<string, FileReport> {
  const returns = new Map<string, FileReport>();
  for (const f of files) if (f.period === (period ?? null) || (f.period === null && !returns.has(f.provider))) returns.set(f.provider, f);
  return returns;
}

const latest = (periods: Iterable<string | null>) => [...periods].reduce<string | undefined>((a, p) => (p !== null && (a === undefined || p > a) ? p : a), undefined);

const judgedBy = (p: PreviousPack) => `${p.id}${p.version === undefined ? ' (no version recorded)' : ` version ${p.version}`}${p.hash === undefined ? '' : ` (hash ${p.hash})`}`;

/** A plain note when last quarter's results were judged by another pack, or another revision or reading of it. */
export function packNote(previous: PreviousPack | undefined, now: PackInfo): string | undefined {
  if (!previous) return "last quarter's report does not say which rule pack judged it; rules may differ";
  if (previous.id === now.id && previous.version === now.version && previous.hash === now.hash) return undefined;
  return `last quarter's report was judged by pack ${judgedBy(previous)}, this report by pack ${judgedBy(now)}; rules may differ`;
}

/**
 * Like with like (issue 12): this quarter is the latest the run holds, and last quarter the latest before it that
 * either the run or --previous holds, the same quarter for every provider. So --previous may point at the whole
 * repository, and a run over several quarters is compared within itself, not provider by provider.
 */
export function compareWithPrevious(previous: readonly FileReport[], current: readonly FileReport[], about: Changes['previous']): Changes {
  const quarter = latest(current.map((f) => f.period));
  const now = returnsFor(current, quarter);
  const earlier = latest([...previous, ...current].map((f) => f.period).filter((p) => quarter === undefined || (p !== null && p < quarter)));
  const before = returnsFor([...previous, ...current].filter((f) => f.period !== null), earlier);
  const ids = [...new Set([...before.keys(), ...now.keys()])].sort();
  const providers: ProviderChange[] = [];
  const rules: RuleChange[] = [];
  for (const provider of ids) {
    const was = before.get(provider);
    const is = now.get(provider);
    const name = is?.provider_name ?? was?.provider_name;
    providers.push({
      provider,
      ...(name ? { provider_name: name } : {}),
      previous_period: was?.period ?? null,
      previous: was?.status ?? null,
      current_period: is?.period ?? null,
      current: is?.status ?? null,
    });
    // An invalid return has no rule results to compare; its change shows at provider level only.
    if (!was || !is || was.status === 'invalid' || is.status === 'invalid') continue;
    const earlier = new Map(was.results.map((r) => [r.rule, r]));
    for (const result of is.results) {
      const old = earlier.get(result.rule);
      if (!old) continue;
      const change = failing(result.status) ? (failing(old.status) ? 'still-failing' : 'newly-failing') : failing(old.status) ? 'fixed' : undefined;
      if (change) rules.push({ provider, rule: result.rule, change, previous: old.status, current: result.status, message: change === 'fixed' ? old.message : result.message });
    }
  }
  return {
    previous: about,
    providers,
    rules,
    new_providers: ids.filter((id) => now.has(id) && !before.has(id)),
    not_submitted: ids.filter((id) => before.has(id) && !now.has(id)),
  };
}

type HistoryEntry = Pick<FileReport, 'provider' | 'provider_name' | 'period' | 'status'>;

/** The history, gathered a file at a time, so a long run need not keep its files to give it. */
export class HistoryBuilder {
  private readonly periods = new Set<string>();
  private readonly rows = new Map<string, { provider_name?: string; statuses: Map<string, FileStatus> }>();

  add(f: HistoryEntry): void {
    let row = this.rows.get(f.provider);
    if (!row) this.rows.set(f.provider, (row = { statuses: new Map() }));
    if (f.provider_name) row.provider_name = f.provider_name;
    if (f.period !== null) {
      this.periods.add(f.period);
      row.statuses.set(f.period, f.status);
    }
  }

  /** A provider owing a return for `period` and sending none: a row, and the quarter, with no status. */
  expect(provider: string, name: string, period: string): void {
    this.periods.add(period);
    if (!this.rows.has(provider)) this.rows.set(provider, { provider_name: name, statuses: new Map() });
  }

  build(): History {
    const periods = [...this.periods].sort();
    const providers = [...this.rows.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([provider, row]) => ({ provider, statuses: periods.map((p) => row.statuses.get(p) ?? null), ...(row.provider_name ? { provider_name: row.provider_name } : {}) }));
    return { periods, providers };
  }
}

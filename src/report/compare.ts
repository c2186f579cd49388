// Report stage: what changed since last quarter, by provider and rule, and each provider's status over the quarters seen.
import type { Changes, FileReport, FileStatus, History, PackInfo, PreviousPack, ProviderChange, RuleChange, RuleStatus } from './model.ts';

const failing = (status: RuleStatus) => status === 'fail' || status === 'warn';

/** Each provider's latest return in a set of files (a run may hold several quarters), before `until` if given. */
function latestByProvider(files: readonly FileReport[], until?: Map<string, FileReport>): Map<string, FileReport> {
  const latest = new Map<string, FileReport>();
  for (const f of files) {
    const limit = until?.get(f.provider)?.period;
    if (limit && f.period !== null && f.period >= limit) continue;
    const seen = latest.get(f.provider);
    if (!seen || (f.period ?? '') > (seen.period ?? '')) latest.set(f.provider, f);
  }
  return latest;
}

const judgedBy = (p: PreviousPack) => `${p.id}${p.version === undefined ? ' (no version recorded)' : ` version ${p.version}`}${p.hash === undefined ? '' : ` (hash ${p.hash})`}`;

/** A plain note when last quarter's results were judged by another pack, or another revision or reading of it. */
export function packNote(previous: PreviousPack | undefined, now: PackInfo): string | undefined {
  if (!previous) return "last quarter's report does not say which rule pack judged it; rules may differ";
  if (previous.id === now.id && previous.version === now.version && previous.hash === now.hash) return undefined;
  return `last quarter's report was judged by pack ${judgedBy(previous)}, this report by pack ${judgedBy(now)}; rules may differ`;
}

export function compareWithPrevious(previous: readonly FileReport[], current: readonly FileReport[], about: Changes['previous']): Changes {
  const now = latestByProvider(current);
  // "Previous" is the latest earlier quarter, so --previous may point at the whole repository.
  const before = latestByProvider(previous, now);
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

  build(): History {
    const periods = [...this.periods].sort();
    const providers = [...this.rows.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([provider, row]) => ({ provider, statuses: periods.map((p) => row.statuses.get(p) ?? null), ...(row.provider_name ? { provider_name: row.provider_name } : {}) }));
    return { periods, providers };
  }
}

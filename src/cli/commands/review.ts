// CLI command `involve review PROVIDER`: the files, each audited once → that provider's returns in the range → a
// report of them alone (waivers applied there) → the dossier → one format → stdout or --output.
import { quartersFrom, toDay } from '../../evaluate/calendar.ts';
import { ReportBuilder } from '../../report/build-report.ts';
import type { FileReport } from '../../report/model.ts';
import { reviewFormats, type ReviewFormatName } from '../../report/review/index.ts';
import { quarterBefore } from '../../evaluate/calendar.ts';
import { buildReview, defaultRange } from '../../report/review/model.ts';
import { didYouMean } from '../../validate/did-you-mean.ts';
import { VERSION } from '../../version.ts';
import { colourLevel } from '../colour.ts';
import type { Io } from '../io.ts';
import { resolveSettings, type SettingsOptions } from '../settings.ts';
import { writeReport } from '../write-report.ts';
import { audited, find, runSettings, UsageError } from './audit.ts';

export interface ReviewOptions extends SettingsOptions {
  from?: string;
  to?: string;
  format: ReviewFormatName;
  output?: string;
  asOf?: string;
  color?: boolean;
}

function noReturns(provider: string, paths: string[], found: readonly string[]): UsageError {
  const near = didYouMean(provider, found);
  const hint = near ? `; did you mean "${near}"?` : found.length ? ` (providers found: ${[...found].sort().join(', ')})` : '';
  return new UsageError(`no returns from ${provider} in ${paths.join(', ')}${hint}`);
}

/** The quarters to review: --from and --to; either alone reaches the default year's end, or a year back from --to. */
function rangeOf(provider: string, options: ReviewOptions, fallback: { from: string; to: string } | undefined): string[] {
  const to = options.to ?? fallback?.to ?? (options.from ? quarterBefore(options.from, -3) : undefined);
  const from = options.from ?? (options.to ? quarterBefore(options.to, 3) : fallback?.from);
  if (!from || !to) throw new UsageError(`no return of ${provider} names its quarter: give --from and --to`);
  if (from > to) throw new UsageError(`--from ${from} is after ${options.to ? `--to ${to}` : `${to}, the latest quarter found for ${provider}`}`);
  return quartersFrom(from, to);
}

export async function review(provider: string, paths: string[], options: ReviewOptions, io: Io): Promise<number> {
  const targets = paths.length > 0 ? paths : ['.'];
  const settings = resolveSettings(options, targets[0]!, io);
  if (!settings) return 2;
  const run = runSettings(settings, options.asOf);
  const entry = settings.register?.providers.find((p) => p.id === provider);
  // The entry as the config gives it: its place in the config is for the audit formats that point at it.
  const register = entry ? (({ line: _line, column: _column, ...given }) => given)(entry) : undefined;
  try {
    // Every file is audited once; only the provider's are kept, and the rest leave only their provider id and quarter.
    const own: FileReport[] = [];
    const ids = new Set<string>();
    const runPeriods = new Set<string>();
    for await (const { report } of audited(find(targets, io), run, io)) {
      ids.add(report!.provider);
      if (report!.period) runPeriods.add(report!.period);
      if (report!.provider === provider) own.push(report!);
    }
    if (own.length === 0) throw noReturns(provider, targets, [...ids]);
    const quarters = rangeOf(provider, options, defaultRange(own.flatMap((f) => (f.period ? [f.period] : [])), [...runPeriods], register));
    const builder = new ReportBuilder(settings.pack, { version: VERSION, waivers: settings.waivers, asOf: toDay(run.today!), yearStart: settings.yearStart });
    for (const f of own) if (f.period === null || quarters.includes(f.period)) builder.add(f);
    const dossier = buildReview(builder.finish(), { provider, quarters, ...(register ? { register } : {}), yearStart: settings.yearStart });
    const render = await reviewFormats[options.format]();
    const toTerminal = options.output === undefined || options.output === '-';
    const width = Math.max(60, Math.min(io.stdout.columns ?? 100, 160));
    writeReport(render(dossier, { color: toTerminal ? colourLevel(options.color, io.env, io.stdout) : 0, width }), options.output, io);
    return 0;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`involve: ${error.message}\n`);
    return 2;
  }
}

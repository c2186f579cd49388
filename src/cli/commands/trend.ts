// CLI command `involve trend`: options → every file found, audited once → the whole report → the trend → one format.
import { toDay } from '../../evaluate/calendar.ts';
import { ReportBuilder } from '../../report/build-report.ts';
import { buildTrend } from '../../report/trend/model.ts';
import { trendFormats, type TrendFormatName } from '../../report/trend/index.ts';
import { VERSION } from '../../version.ts';
import { colourLevel } from '../colour.ts';
import type { Io } from '../io.ts';
import { resolveSettings, type SettingsOptions } from '../settings.ts';
import { writeReport } from '../write-report.ts';
import { audited, find, runSettings, UsageError } from './audit.ts';

export interface TrendCommandOptions extends Omit<SettingsOptions, 'failOn'> {
  from?: string;
  to?: string;
  format: TrendFormatName;
  output?: string;
  color?: boolean;
  /** The audit's date, YYYY-MM-DD, as for audit. */
  asOf?: string;
}

export async function trend(paths: string[], options: TrendCommandOptions, io: Io): Promise<number> {
  const { from, to } = options;
  if (from && to && from > to) {
    io.stderr.write(`involve: --from ${from} is after --to ${to}\n`);
    return 2;
  }
  const targets = paths.length > 0 ? paths : ['.'];
  const settings = resolveSettings(options, targets[0]!, io);
  if (!settings) return 2;
  const { pack, yearStart, register } = settings;
  const run = runSettings(settings, options.asOf);
  const today = run.today!;
  try {
    const found = find(targets, io);
    // The files are kept whole: the trend reads each one's rule results, quarter by quarter.
    const span = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
    const builder = new ReportBuilder(pack, { version: VERSION, waivers: settings.waivers, asOf: toDay(today), yearStart, ...(register ? { register, span } : {}) });
    for await (const { report } of audited(found, run, io)) builder.add(report!);
    const model = buildTrend(builder.finish(), { ...(from ? { from } : {}), ...(to ? { to } : {}), yearStart });
    if (model.providers.length === 0 && model.unplaced.length === 0) {
      const where = paths.length > 0 ? paths.join(', ') : 'the current folder';
      const span = from && to ? ` for ${from} to ${to}` : from ? ` for ${from} or later` : to ? ` for ${to} or earlier` : '';
      const others = found.length > 0 && span ? ` (${found.length === 1 ? 'the 1 file found is' : `the ${found.length} files found are`} for other quarters)` : '';
      throw new UsageError(`no evidence files (*.yaml, *.yml) found${span} in ${where}${others}; check the path${span ? ' and the quarters' : ''}`);
    }
    const render = await trendFormats[options.format]();
    const toTerminal = options.output === undefined || options.output === '-';
    const width = Math.max(60, Math.min(io.stdout.columns ?? 100, 160));
    writeReport(render(model, { color: toTerminal && options.format === 'table' ? colourLevel(options.color, io.env, io.stdout) : 0, width }), options.output, io);
    return 0;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`involve: ${error.message}\n`);
    return 2;
  }
}

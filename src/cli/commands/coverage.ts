// CLI command `involve coverage`: the chosen pack's obligation register, and the share of obligations its rules check.
import { coverageOf } from '../../packs/register.ts';
import { coverageFormats, type CoverageFormatName } from '../../report/coverage/index.ts';
import { colourLevel } from '../colour.ts';
import { resolveSettings, type SettingsOptions } from '../settings.ts';
import { writeReport } from '../write-report.ts';
import type { Io } from '../io.ts';

export interface CoverageOptions extends SettingsOptions {
  format: CoverageFormatName;
  color?: boolean;
}

export async function coverage(options: CoverageOptions, io: Io): Promise<number> {
  const pack = resolveSettings(options, '.', io)?.pack;
  if (!pack) return 2;
  const render = await coverageFormats[options.format]();
  const color = options.format === 'table' ? colourLevel(options.color, io.env, io.stdout) : 0;
  writeReport(render(coverageOf(pack), { color, width: Math.max(80, Math.min(io.stdout.columns ?? 100, 160)) }), undefined, io);
  return 0;
}

// CLI: what a run uses, from the command line first, then involve.config.yaml, then the defaults;
// or the one-line reasons it cannot run (exit status 2).
import { resolve } from 'node:path';
import type { Waiver } from '../config/config-schema.ts';
import { findConfig, loadConfig, type FoundConfig, type ProviderRegister } from '../config/load-config.ts';
import { formatDiagnostic } from '../diagnostic.ts';
import { DEFAULT_LIMITS, type ReadLimits } from '../load/read-yaml.ts';
import { compilePack, type CompiledPack } from '../packs/compile-pack.ts';
import { loadPack, PackError } from '../packs/load-pack.ts';
import { snapshotPack } from '../packs/pack-snapshot.ts';
import type { FailOn } from './exit-code.ts';
import type { Io } from './io.ts';

export interface SettingsOptions {
  rules?: string;
  failOn?: FailOn;
  /** A path, or false for --no-config. */
  config?: string | false;
}

export interface Settings {
  pack: CompiledPack;
  failOn: FailOn;
  limits: ReadLimits;
  waivers: Waiver[];
  yearStart: 'january' | 'april';
  config?: FoundConfig;
  /** The config's provider register, when it has one. */
  register?: ProviderRegister;
}

/** `from` is where to start looking for a config: the first audited path, or the working folder. */
export function resolveSettings(options: SettingsOptions, from: string, io: Io): Settings | undefined {
  try {
    const configPath = options.config === false ? undefined : options.config ? resolve(io.cwd, options.config) : findConfig(resolve(io.cwd, from));
    const config = configPath ? loadConfig(configPath, io.cwd) : undefined;
    const ref = options.rules ?? config?.definition.pack ?? 'core';
    // A shipped pack the config does not override comes compiled with the CLI, when its files are unchanged.
    const overridden = Object.keys(config?.definition.overrides ?? {}).length > 0;
    const shipped = overridden ? undefined : snapshotPack(ref);
    // A pack named in the config is found relative to the config, as ESLint resolves its plugins.
    const pack = shipped ?? compilePack(loadPack(ref, io.cwd, options.rules === undefined && config ? config.dir : io.cwd), config);
    for (const warning of pack.warnings ?? []) io.stderr.write(`${formatDiagnostic(warning)}\n`);
    const c = config?.definition;
    return {
      pack,
      failOn: options.failOn ?? c?.fail_on ?? 'red',
      limits: { maxBytes: c?.limits?.max_file_bytes ?? DEFAULT_LIMITS.maxBytes, maxDepth: c?.limits?.max_depth ?? DEFAULT_LIMITS.maxDepth },
      waivers: c?.waivers ?? [],
      yearStart: c?.year_start ?? 'january',
      ...(config ? { config } : {}),
      ...(config?.register ? { register: config.register } : {}),
    };
  } catch (error) {
    if (!(error instanceof PackError)) throw error;
    for (const d of error.diagnostics) io.stderr.write(`${formatDiagnostic(d)}\n`);
    io.stderr.write('involve: cannot run with this rule pack or config; nothing was audited\n');
    return undefined;
  }
}

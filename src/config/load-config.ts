// Config stage: finds involve.config.yaml by walking up from the audited path (as ESLint and Prettier do) and reads it.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, parse, resolve } from 'node:path';
import type { Diagnostic } from '../diagnostic.ts';
import type { Located } from '../packs/load-pack.ts';
import { PackError, readDefinition } from '../packs/load-pack.ts';
import { configSchema, type Config, type RegisteredProvider } from './config-schema.ts';

export const CONFIG_NAMES = ['involve.config.yaml', 'involve.config.yml'];

/** A provider of the register, with where its entry starts in the config: a missing return is reported there. */
export interface RegisterEntry extends RegisteredProvider {
  line: number;
  column: number;
}

/** The config's provider register: who owes a return, and the file that says so (as shown to the user). */
export interface ProviderRegister {
  file: string;
  providers: RegisterEntry[];
}

export interface FoundConfig extends Located<Config> {
  /** The folder holding the config: the evidence repository's root. */
  dir: string;
  /** Absent when the config has no `providers:`: without a register, nothing is ever missing. */
  register?: ProviderRegister;
}

export function findConfig(from: string): string | undefined {
  let dir = resolve(from);
  if (existsSync(dir) && !statSync(dir).isDirectory()) dir = dirname(dir);
  for (;;) {
    for (const name of CONFIG_NAMES) if (existsSync(join(dir, name))) return join(dir, name);
    if (dir === parse(dir).root) return undefined;
    dir = dirname(dir);
  }
}

/** What the schema cannot see in one entry: an id given twice, a contract that ends before it starts. */
function registerErrors({ definition, file, positions }: Located<Config>): Diagnostic[] {
  const errors: Diagnostic[] = [];
  const first = new Map<string, number>();
  for (const [i, p] of (definition.providers ?? []).entries()) {
    const at = (key: string) => positions.locate(['providers', i, key], 'value');
    const seen = first.get(p.id);
    if (seen === undefined) first.set(p.id, i);
    else {
      const line = positions.locate(['providers', seen]).line;
      errors.push({ code: 'duplicate-provider', severity: 'error', message: `provider "${p.id}" is registered twice (first on line ${line}); give each provider one entry`, file, ...at('id') });
    }
    if (p.from && p.to && p.from > p.to) {
      errors.push({ code: 'invalid-value', severity: 'error', message: `"from" ${p.from} of provider "${p.id}" is after its "to" ${p.to}: the first quarter a return is due must not come after the last`, file, ...at('from') });
    }
  }
  return errors;
}

/** Throws PackError (exit 2) for an unknown key or a wrong value, with its line and column. */
export function loadConfig(path: string, cwd: string): FoundConfig {
  const config = readDefinition(path, cwd, configSchema, 'config');
  const errors = registerErrors(config);
  if (errors.length) throw new PackError(errors);
  const providers = config.definition.providers;
  const register = providers ? { file: config.file, providers: providers.map((p, i) => ({ ...p, ...config.positions.locate(['providers', i]) })) } : undefined;
  return { ...config, dir: dirname(path), ...(register ? { register } : {}) };
}

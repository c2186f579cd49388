// Config stage: finds involve.config.yaml by walking up from the audited path (as ESLint and Prettier do) and reads it.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, parse, resolve } from 'node:path';
import type { Located } from '../packs/load-pack.ts';
import { readDefinition } from '../packs/load-pack.ts';
import { configSchema, type Config } from './config-schema.ts';

export const CONFIG_NAMES = ['involve.config.yaml', 'involve.config.yml'];

export interface FoundConfig extends Located<Config> {
  /** The folder holding the config: the evidence repository's root. */
  dir: string;
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

/** Throws PackError (exit 2) for an unknown key or a wrong value, with its line and column. */
export function loadConfig(path: string, cwd: string): FoundConfig {
  return { ...readDefinition(path, cwd, configSchema, 'config'), dir: dirname(path) };
}

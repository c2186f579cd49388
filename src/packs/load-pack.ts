// Packs stage: reads a pack folder (pack.yaml + one file per rule) and the packs it extends, refusing cycles.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../diagnostic.ts';
import type { PositionIndex } from '../load/positions.ts';
import { readEvidenceFile } from '../load/read-evidence-file.ts';
import type { FileKind } from '../load/read-yaml.ts';
import { didYouMean } from '../validate/did-you-mean.ts';
import { issueToDiagnostics } from '../validate/zod-issues.ts';
import { REGISTER_FILE, registerDefinitionSchema, type RegisterDefinition } from './register.ts';
import { packDefinitionSchema, ruleDefinitionSchema, type PackDefinition, type RuleDefinition } from './rule-schema.ts';
import type { z } from 'zod';

export class PackError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => d.message).join('; '));
  }
}

export interface Located<T> {
  definition: T;
  file: string;
  positions: PositionIndex;
}

export interface LoadedPack extends Located<PackDefinition> {
  dir: string;
  rules: Located<RuleDefinition>[];
  /** The pack's obligation register, when its folder has one. */
  register?: Located<RegisterDefinition>;
  base?: LoadedPack;
  /** The packs `include` takes rules from, in its order. */
  included: LoadedPack[];
}

/** Where a pack was named from (an `include` entry), for errors about the name. */
interface NamedAt {
  file: string;
  line: number;
  column: number;
}

/** The folder of shipped packs, found from this module whether it runs from src/ or from the bundle. */
export function shippedPacksDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'rules', 'core', 'pack.yaml'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('the shipped rule packs (rules/) are missing from this installation');
    dir = parent;
  }
  return join(dir, 'rules');
}

export function shippedPackNames(): string[] {
  const dir = shippedPacksDir();
  return readdirSync(dir).filter((name) => existsSync(join(dir, name, 'pack.yaml'))).sort();
}

function packDirFor(ref: string, fromDir: string): string | undefined {
  const isName = /^[a-z0-9-]+$/.test(ref);
  if (isName && existsSync(join(shippedPacksDir(), ref, 'pack.yaml'))) return join(shippedPacksDir(), ref);
  const path = resolve(fromDir, ref);
  if (existsSync(join(path, 'pack.yaml'))) return path;
  if (basename(path) === 'pack.yaml' && existsSync(path)) return dirname(path);
  return undefined;
}

const shown = (path: string, cwd: string) => {
  const rel = relative(cwd, path);
  return (rel.startsWith('..') ? path : rel).split(sep).join('/');
};

/** Reads a strict YAML definition (a pack, a rule, a config): any unknown key or wrong value is a located error. */
export function readDefinition<T>(path: string, cwd: string, schema: z.ZodType<T>, kind: FileKind, expectedId?: string): Located<T> {
  const file = shown(path, cwd);
  const read = readEvidenceFile({ file, absolute: path }, undefined, kind);
  // A file refused for its encoding alone is still checked, so that all its errors are told at once.
  const [readable, refused] = read.ok ? [read, []] : [read.readable, read.errors];
  if (!readable) throw new PackError(refused);
  const { data, positions } = readable;
  // Checked before the schema: a copied rule file with the old id is the likelier mistake to point at.
  if (expectedId !== undefined && typeof data.id === 'string' && data.id !== expectedId) {
    throw new PackError([...refused, { code: 'rule-id-mismatch', severity: 'error', message: `rule id "${data.id}" must match its file name "${expectedId}"`, file, ...positions.locate(['id'], 'value') }]);
  }
  const parsed = schema.safeParse(data, { reportInput: true });
  // In a rule pack an unknown key is an error: a misspelt parameter must not silently do nothing.
  const found = parsed.success ? [] : parsed.error.issues.flatMap((issue) => issueToDiagnostics(issue, schema, positions, file, data)).map((d) => ({ ...d, severity: 'error' as const }));
  if (!parsed.success || refused.length) throw new PackError([...refused, ...found]);
  return { definition: parsed.data, file, positions };
}

export function loadPack(ref: string, cwd: string, fromDir: string = cwd, chain: string[] = [], namedAt?: NamedAt): LoadedPack {
  const dir = packDirFor(ref, fromDir);
  if (!dir) {
    const known = shippedPackNames();
    const suggestion = namedAt && didYouMean(ref, known);
    const message = `no rule pack "${ref}": ${suggestion ? `did you mean "${suggestion}"? Use` : 'use'} one of ${known.join(', ')}, or a path to a folder holding pack.yaml`;
    throw new PackError([{ code: 'unknown-pack', severity: 'error', message, ...(namedAt ?? { file: ref, line: 1, column: 1 }) }]);
  }
  const real = resolve(dir);
  if (chain.includes(real)) {
    const cycle = [...chain, real].map((d) => basename(d)).join(' → ');
    const message = `rule packs ${namedAt ? 'include from or extend' : 'extend'} each other in a cycle: ${cycle}`;
    throw new PackError([{ code: 'pack-cycle', severity: 'error', message, ...(namedAt ?? { file: shown(join(dir, 'pack.yaml'), cwd), line: 1, column: 1 }) }]);
  }
  const pack = readDefinition(join(dir, 'pack.yaml'), cwd, packDefinitionSchema, 'pack');
  const rules = readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name) && name !== 'pack.yaml' && name !== REGISTER_FILE && statSync(join(dir, name)).isFile())
    .sort()
    .map((name) => readDefinition(join(dir, name), cwd, ruleDefinitionSchema, 'rule', name.replace(/\.ya?ml$/, '')));
  const order = pack.definition.rules;
  if (order) {
    // Included rules may be placed too, and must be when `rules` is given: it orders everything the pack adds.
    const ids = [...rules.map((r) => r.definition.id), ...pack.definition.include.flatMap((entry) => entry.rules)];
    const unlisted = ids.filter((id) => !order.includes(id));
    const unknown = order.filter((id) => !ids.includes(id));
    if (unlisted.length || unknown.length) {
      const why = [unknown.length ? `names ${unknown.join(', ')}, which has no rule file and is not included` : '', unlisted.length ? `leaves out ${unlisted.join(', ')}` : ''].filter(Boolean).join(' and ');
      throw new PackError([{ code: 'unknown-rule', severity: 'error', message: `"rules" in pack.yaml ${why}`, file: pack.file, ...pack.positions.locate(['rules'], 'key') }]);
    }
    rules.sort((a, b) => order.indexOf(a.definition.id) - order.indexOf(b.definition.id));
  }
  const register = existsSync(join(dir, REGISTER_FILE)) ? readDefinition(join(dir, REGISTER_FILE), cwd, registerDefinitionSchema, 'register') : undefined;
  const base = pack.definition.extends ? loadPack(pack.definition.extends, cwd, dir, [...chain, real]) : undefined;
  const included = pack.definition.include.map(({ pack: name }, i) => loadPack(name, cwd, dir, [...chain, real], { file: pack.file, ...pack.positions.locate(['include', i, 'pack'], 'value') }));
  return { ...pack, dir, rules, ...(register ? { register } : {}), base, included };
}

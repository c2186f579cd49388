// Packs stage: follows `extends`, applies overrides and resolves `$param` references once, giving the rules a run uses.
import type { Diagnostic } from '../diagnostic.ts';
import type { KeyPath, PositionIndex } from '../load/positions.ts';
import { checkKinds, type CheckKindName } from '../evaluate/checks/index.ts';
import { didYouMean } from '../validate/did-you-mean.ts';
import { showPath } from '../validate/zod-issues.ts';
import { fieldPathProblems } from './field-paths.ts';
import { PackError, type LoadedPack, type Located } from './load-pack.ts';
import { overrideMismatch } from './param-types.ts';
import { packHash } from './pack-hash.ts';
import type { Citation, PackDefinition, RuleDefinition, Severity } from './rule-schema.ts';

export interface CompiledRule {
  id: string;
  title: string;
  description: string;
  severity: Severity;
  /** The first quarter the rule judges (YYYY-Qn), when not every one. */
  effectiveFrom?: string;
  citation: Citation;
  hint: string;
  /** The pack whose folder holds the rule file. */
  definedIn: string;
  params: Record<string, unknown>;
  kind: CheckKindName;
  /** The check's parameters with every `$param` resolved and validated by the kind's schema. */
  check: unknown;
  messages: Record<string, string>;
}

export interface CompiledPack {
  id: string;
  title: string;
  version: string;
  /** packHash of the rules: differs whenever anything that judges a return does. */
  hash: string;
  description?: string;
  /** This pack and the packs it extends, nearest first. */
  lineage: string[];
  rules: CompiledRule[];
  /** Rules inherited but turned off here. */
  off: string[];
}

interface Draft {
  source: Located<RuleDefinition>;
  definedIn: string;
  severity: Severity | 'off';
  effectiveFrom?: string;
  params: Record<string, unknown>;
  /** Where each parameter was last set (the rule file, or a pack's or config's override), for errors in its value. */
  origins: Record<string, { file: string; positions: PositionIndex; path: KeyPath }>;
  citation: Citation;
  hint: string;
}

const error = (code: Diagnostic['code'], message: string, file: string, at: { line: number; column: number }): Diagnostic => ({
  code, severity: 'error', message, file, ...at,
});

// Keys that a merge must never copy: prototype pollution through a pack (parsing-stack-facts.md).
const UNSAFE = new Set(['__proto__', 'constructor', 'prototype']);

export type Overrides = PackDefinition['overrides'];

/** A pack's `overrides`, or a config file's: severities, hints, citations and params by rule id, each checked. */
function applyOverrides({ definition, file, positions }: Located<{ overrides: Overrides }>, drafts: Map<string, Draft>, problems: Diagnostic[]): void {
  for (const [ruleId, override] of Object.entries(definition.overrides)) {
    const draft = drafts.get(ruleId);
    const at = positions.locate(['overrides', ruleId], 'key');
    if (!draft) {
      const suggestion = didYouMean(ruleId, [...drafts.keys()]);
      problems.push(error('unknown-rule', `overrides name rule "${ruleId}", which this pack does not have${suggestion ? `; did you mean "${suggestion}"?` : ''}`, file, at));
      continue;
    }
    if (override.severity) draft.severity = override.severity;
    if (override.effective_from) draft.effectiveFrom = override.effective_from;
    if (override.hint) draft.hint = override.hint;
    if (override.citation) draft.citation = { ...draft.citation, ...override.citation };
    for (const [name, value] of Object.entries(override.params ?? {})) {
      const path = ['overrides', ruleId, 'params', name];
      if (UNSAFE.has(name) || !Object.hasOwn(draft.params, name)) {
        const suggestion = didYouMean(name, Object.keys(draft.params));
        const known = Object.keys(draft.params).join(', ') || 'none';
        problems.push(error('unknown-param', `rule "${ruleId}" has no parameter "${name}"${suggestion ? `; did you mean "${suggestion}"?` : ` (its parameters: ${known})`}`, file, positions.locate(path, 'key')));
        continue;
      }
      const mismatch = overrideMismatch(draft.source.definition.params[name], value);
      if (mismatch) {
        problems.push(error('invalid-value', `"${showPath(path)}" ${mismatch}`, file, positions.locate(path, 'value')));
        continue;
      }
      draft.params[name] = value;
      draft.origins[name] = { file, positions, path };
    }
  }
}

function collect(pack: LoadedPack, drafts: Map<string, Draft>, problems: Diagnostic[]): string[] {
  const lineage = pack.base ? collect(pack.base, drafts, problems) : [];
  const id = pack.definition.id;
  for (const rule of pack.rules) {
    const existing = drafts.get(rule.definition.id);
    if (existing) {
      problems.push(error('duplicate-rule', `rule "${rule.definition.id}" is already defined by pack "${existing.definedIn}"; change it with overrides in pack.yaml`, rule.file, rule.positions.locate(['id'], 'value')));
      continue;
    }
    const { severity, effective_from: effectiveFrom, params, citation, hint } = rule.definition;
    const origins = Object.fromEntries(Object.keys(params).map((name) => [name, { file: rule.file, positions: rule.positions, path: ['params', name] }]));
    drafts.set(rule.definition.id, { source: rule, definedIn: id, severity, effectiveFrom, params: { ...params }, origins, citation, hint });
  }
  applyOverrides(pack, drafts, problems);
  return [id, ...lineage];
}

interface Resolution {
  unknown: string[];
  /** The parameter each `$name` brought in, by the key path (as JSON) it sits at inside the check. */
  from: Map<string, string>;
}

/** Replaces every string "$name" inside the check with the rule's parameter of that name. */
function resolveParams(value: unknown, params: Record<string, unknown>, found: Resolution, path: KeyPath = []): unknown {
  if (typeof value === 'string' && value.startsWith('$')) {
    const name = value.slice(1);
    if (!Object.hasOwn(params, name)) found.unknown.push(name);
    found.from.set(JSON.stringify(path), name);
    return params[name];
  }
  if (Array.isArray(value)) return value.map((v, i) => resolveParams(v, params, found, [...path, i]));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (!UNSAFE.has(k)) out[k] = resolveParams(v, params, found, [...path, k]);
    return out;
  }
  return value;
}

/** Where a key path inside the check was written: where the parameter that brought it in was set, else the rule file. */
function locateInCheck(draft: Draft, from: Resolution['from'], path: KeyPath): { file: string; line: number; column: number; via?: string } {
  for (let depth = path.length; depth >= 0; depth--) {
    const name = from.get(JSON.stringify(path.slice(0, depth)));
    const origin = name === undefined ? undefined : draft.origins[name];
    if (origin) return { file: origin.file, ...origin.positions.locate([...origin.path, ...path.slice(depth)], 'value'), via: name };
  }
  return { file: draft.source.file, ...draft.source.positions.locate(['check', ...path], 'value') };
}

function compileRule(draft: Draft, problems: Diagnostic[]): CompiledRule | undefined {
  const { definition, file, positions } = draft.source;
  const { kind, ...structure } = definition.check;
  // Own names only: `kind: toString` must be an unknown kind, not Object.prototype's function.
  const checkKind = Object.hasOwn(checkKinds, kind) ? checkKinds[kind as CheckKindName] : undefined;
  if (!checkKind) {
    const suggestion = didYouMean(kind, Object.keys(checkKinds));
    problems.push(error('invalid-value', `"check.kind" is "${kind}", which is not a check kind: use one of ${Object.keys(checkKinds).join(', ')}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`, file, positions.locate(['check', 'kind'], 'value')));
    return undefined;
  }
  const resolution: Resolution = { unknown: [], from: new Map() };
  const resolved = resolveParams(structure, draft.params, resolution);
  const inCheck = (code: Diagnostic['code'], path: KeyPath, detail: string): Diagnostic => {
    const { file: where, via, ...at } = locateInCheck(draft, resolution.from, path);
    return error(code, `"${showPath(['check', ...path])}" in rule "${definition.id}" (check kind ${kind}${via ? `, from $${via}` : ''}): ${detail}`, where, at);
  };
  for (const name of resolution.unknown) {
    problems.push(error('unknown-param', `check refers to "$${name}", which is not in the rule's params`, file, positions.locate(['check'], 'key')));
  }
  const parsed = checkKind.params.safeParse(resolved);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const detail = issue.code === 'unrecognized_keys' ? `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}` : issue.message;
      problems.push(inCheck('invalid-value', issue.path as (string | number)[], detail));
    }
  }
  if (!parsed.success) return undefined;
  for (const id of checkKind.messages(parsed.data)) {
    if (definition.messages[id] === undefined) {
      problems.push(error('invalid-value', `rule "${definition.id}" needs a message "${id}" for check kind ${kind}`, file, positions.locate(['messages'], 'key')));
    }
  }
  const unused = Object.keys(definition.messages).filter((id) => !checkKind.messages(parsed.data).includes(id));
  for (const id of unused) {
    problems.push(error('unknown-key', `rule "${definition.id}" has a message "${id}" that check kind ${kind} never uses here`, file, positions.locate(['messages', id], 'key')));
  }
  if (!parsed.success) return undefined;
  for (const p of fieldPathProblems(checkKind.fields(parsed.data))) problems.push(inCheck(p.code, p.at, p.message));
  return {
    id: definition.id,
    title: definition.title,
    description: definition.description,
    severity: draft.severity as Severity,
    ...(draft.effectiveFrom ? { effectiveFrom: draft.effectiveFrom } : {}),
    citation: draft.citation,
    hint: draft.hint,
    definedIn: draft.definedIn,
    params: draft.params,
    kind: kind as CheckKindName,
    check: parsed.data,
    messages: definition.messages,
  };
}

/** `local` is a config file's overrides, applied last: a commissioner's own reading of the pack. */
export function compilePack(pack: LoadedPack, local?: Located<{ overrides: Overrides }>): CompiledPack {
  const drafts = new Map<string, Draft>();
  const problems: Diagnostic[] = [];
  const lineage = collect(pack, drafts, problems);
  if (local) applyOverrides(local, drafts, problems);
  const rules: CompiledRule[] = [];
  const off: string[] = [];
  for (const draft of drafts.values()) {
    if (draft.severity === 'off') {
      off.push(draft.source.definition.id);
      continue;
    }
    const rule = compileRule(draft, problems);
    if (rule) rules.push(rule);
  }
  if (problems.length > 0) throw new PackError(problems);
  const { id, title, version, description } = pack.definition;
  return { id, title, version, hash: packHash(rules), description, lineage, rules, off };
}

// Packs stage: follows `extends`, applies overrides and resolves `$param` references once, giving the rules a run uses.
import type { Diagnostic } from '../diagnostic.ts';
import { checkKinds, type CheckKindName } from '../evaluate/checks/index.ts';
import { interpolate, paramsAsData } from '../evaluate/interpolate.ts';
import { didYouMean } from '../validate/did-you-mean.ts';
import { showPath } from '../validate/zod-issues.ts';
import { checkHint, checkMessages } from './check-messages.ts';
import { PackError, type LoadedPack, type Located } from './load-pack.ts';
import type { Citation, PackDefinition, RuleDefinition, Severity } from './rule-schema.ts';

export interface CompiledRule {
  id: string;
  title: string;
  description: string;
  severity: Severity;
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
  params: Record<string, unknown>;
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
    if (override.hint) {
      draft.hint = override.hint;
      problems.push(...checkHint(override.hint, Object.keys(draft.params), file, positions.locate(['overrides', ruleId, 'hint'], 'value')));
    }
    if (override.citation) draft.citation = { ...draft.citation, ...override.citation };
    for (const [name, value] of Object.entries(override.params ?? {})) {
      if (UNSAFE.has(name) || !Object.hasOwn(draft.params, name)) {
        const suggestion = didYouMean(name, Object.keys(draft.params));
        const known = Object.keys(draft.params).join(', ') || 'none';
        problems.push(error('unknown-param', `rule "${ruleId}" has no parameter "${name}"${suggestion ? `; did you mean "${suggestion}"?` : ` (its parameters: ${known})`}`, file, positions.locate(['overrides', ruleId, 'params', name], 'key')));
        continue;
      }
      draft.params[name] = value;
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
    const { severity, params, citation, hint } = rule.definition;
    drafts.set(rule.definition.id, { source: rule, definedIn: id, severity, params: { ...params }, citation, hint });
  }
  applyOverrides(pack, drafts, problems);
  return [id, ...lineage];
}

/** Replaces every string "$name" inside the check with the rule's parameter of that name. */
function resolveParams(value: unknown, params: Record<string, unknown>, unknown: string[]): unknown {
  if (typeof value === 'string' && value.startsWith('$')) {
    const name = value.slice(1);
    if (!Object.hasOwn(params, name)) unknown.push(name);
    return params[name];
  }
  if (Array.isArray(value)) return value.map((v) => resolveParams(v, params, unknown));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (!UNSAFE.has(k)) out[k] = resolveParams(v, params, unknown);
    return out;
  }
  return value;
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
  const unknownParams: string[] = [];
  const resolved = resolveParams(structure, draft.params, unknownParams);
  for (const name of unknownParams) {
    problems.push(error('unknown-param', `check refers to "$${name}", which is not in the rule's params`, file, positions.locate(['check'], 'key')));
  }
  const parsed = checkKind.params.safeParse(resolved);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = ['check', ...(issue.path as (string | number)[])];
      const detail = issue.code === 'unrecognized_keys' ? `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}` : issue.message;
      problems.push(error('invalid-value', `"${showPath(path)}" in rule "${definition.id}" (check kind ${kind}): ${detail}`, file, positions.locate(path, 'value')));
    }
  }
  if (!parsed.success) return undefined;
  const paramNames = Object.keys(draft.params);
  problems.push(...checkMessages(draft.source, kind, checkKind.messages(parsed.data), paramNames));
  problems.push(...checkHint(definition.hint, paramNames, file, positions.locate(['hint'], 'value')));
  return {
    id: definition.id,
    title: definition.title,
    description: definition.description,
    severity: draft.severity as Severity,
    citation: draft.citation,
    hint: interpolate(draft.hint, paramsAsData(draft.params)),
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
  return { id: pack.definition.id, title: pack.definition.title, description: pack.definition.description, lineage, rules, off };
}

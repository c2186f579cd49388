// Packs stage: follows `extends`, applies overrides and resolves `$param` references once, giving the rules a run uses.
import type { Diagnostic } from '../diagnostic.ts';
import { checkKinds, type CheckKindName } from '../evaluate/checks/index.ts';
import type { CheckKind } from '../evaluate/checks/types.ts';
import type { KeyPath } from '../load/positions.ts';
import { dataOfParams, interpolate } from '../evaluate/interpolate.ts';
import { didYouMean } from '../validate/did-you-mean.ts';
import type { ServiceType } from '../validate/evidence-schema.ts';
import { showPath } from '../validate/zod-issues.ts';
import { PackError, type LoadedPack, type Located } from './load-pack.ts';
import { checkedByProblems, compileRegister, type Register } from './register.ts';
import type { Citation, PackDefinition, RuleDefinition, ServiceTypeScope, Severity } from './rule-schema.ts';

/** How a rule judges one kind of service: not at all (the policy's reason), or by other parameters. */
export type CompiledScope = { skip: string } | { params: Record<string, unknown>; check: unknown };

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
  /** The service types judged otherwise than by `params` and `check` (provider.service_type). */
  serviceTypes: Partial<Record<ServiceType, CompiledScope>>;
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
  /** This pack's own obligation register, when it has one. */
  register?: Register;
}

/** A service type's entry as the last file to set it gave it, with where, for the errors its params may bring. */
interface ScopeDraft {
  scope: ServiceTypeScope;
  file: string;
  positions: Located<unknown>['positions'];
  at: KeyPath;
}

interface Draft {
  source: Located<RuleDefinition>;
  definedIn: string;
  severity: Severity | 'off';
  params: Record<string, unknown>;
  citation: Citation;
  hint: string;
  serviceTypes: Partial<Record<ServiceType, ScopeDraft>>;
}

const error = (code: Diagnostic['code'], message: string, file: string, at: { line: number; column: number }): Diagnostic => ({
  code, severity: 'error', message, file, ...at,
});

// Keys that a merge must never copy: prototype pollution through a pack (parsing-stack-facts.md).
const UNSAFE = new Set(['__proto__', 'constructor', 'prototype']);

export type Overrides = PackDefinition['overrides'];

/** A parameter a pack or config sets, refused with a located error unless the rule has it. */
function knownParam(ruleId: string, name: string, draft: Draft, file: string, at: { line: number; column: number }, problems: Diagnostic[]): boolean {
  if (!UNSAFE.has(name) && Object.hasOwn(draft.params, name)) return true;
  const suggestion = didYouMean(name, Object.keys(draft.params));
  const known = Object.keys(draft.params).join(', ') || 'none';
  problems.push(error('unknown-param', `rule "${ruleId}" has no parameter "${name}"${suggestion ? `; did you mean "${suggestion}"?` : ` (its parameters: ${known})`}`, file, at));
  return false;
}

/** A rule's own `service_types`, or an override's: each named type's entry replaces the one it had. */
function setServiceTypes(ruleId: string, given: Partial<Record<ServiceType, ServiceTypeScope>> | undefined, draft: Draft, { file, positions }: Located<unknown>, base: KeyPath, problems: Diagnostic[]): void {
  for (const [type, scope] of Object.entries(given ?? {}) as [ServiceType, ServiceTypeScope][]) {
    const at = [...base, type];
    for (const name of Object.keys(scope.params ?? {})) knownParam(ruleId, name, draft, file, positions.locate([...at, 'params', name], 'key'), problems);
    draft.serviceTypes[type] = { scope, file, positions, at };
  }
}

/** A pack's `overrides`, or a config file's: severities, hints, citations and params by rule id, each checked. */
function applyOverrides(source: Located<{ overrides: Overrides }>, drafts: Map<string, Draft>, problems: Diagnostic[]): void {
  const { definition, file, positions } = source;
  for (const [ruleId, override] of Object.entries(definition.overrides)) {
    const draft = drafts.get(ruleId);
    const at = positions.locate(['overrides', ruleId], 'key');
    if (!draft) {
      const suggestion = didYouMean(ruleId, [...drafts.keys()]);
      problems.push(error('unknown-rule', `overrides name rule "${ruleId}", which this pack does not have${suggestion ? `; did you mean "${suggestion}"?` : ''}`, file, at));
      continue;
    }
    if (override.severity) draft.severity = override.severity;
    if (override.hint) draft.hint = override.hint;
    if (override.citation) draft.citation = { ...draft.citation, ...override.citation };
    for (const [name, value] of Object.entries(override.params ?? {})) {
      if (knownParam(ruleId, name, draft, file, positions.locate(['overrides', ruleId, 'params', name], 'key'), problems)) draft.params[name] = value;
    }
    setServiceTypes(ruleId, override.service_types, draft, source, ['overrides', ruleId, 'service_types'], problems);
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
    const { severity, params, citation, hint, service_types } = rule.definition;
    const draft: Draft = { source: rule, definedIn: id, severity, params: { ...params }, citation, hint, serviceTypes: {} };
    setServiceTypes(rule.definition.id, service_types, draft, rule, ['service_types'], problems);
    drafts.set(rule.definition.id, draft);
  }
  applyOverrides(pack, drafts, problems);
  if (pack.register) problems.push(...checkedByProblems(pack.register, new Map([...drafts].map(([rule, draft]) => [rule, draft.severity]))));
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

/**
 * The check with `params` put in for every `$param` and validated by the kind's schema. For a service type's
 * params (`scope`), a problem is located where that type's params were set.
 */
function compileCheck(draft: Draft, checkKind: CheckKind<unknown>, params: Record<string, unknown>, problems: Diagnostic[], scope?: [ServiceType, ScopeDraft]): { check: unknown } | undefined {
  const { definition, file, positions } = draft.source;
  const { kind, ...structure } = definition.check;
  const unknownParams: string[] = [];
  const resolved = resolveParams(structure, params, unknownParams);
  // A service type can only set parameters the rule has, so an unknown name is said once, for the rule.
  if (!scope) {
    for (const name of unknownParams) {
      problems.push(error('unknown-param', `check refers to "$${name}", which is not in the rule's params`, file, positions.locate(['check'], 'key')));
    }
  }
  const parsed = checkKind.params.safeParse(resolved);
  if (parsed.success) return { check: parsed.data };
  for (const issue of parsed.error.issues) {
    const path = ['check', ...(issue.path as (string | number)[])];
    const detail = issue.code === 'unrecognized_keys' ? `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}` : issue.message;
    const what = `"${showPath(path)}" in rule "${definition.id}" (check kind ${kind})`;
    if (scope) {
      const [type, { file: setIn, positions: set, at }] = scope;
      problems.push(error('invalid-value', `${what}, with the params for service type ${type}: ${detail}`, setIn, set.locate([...at, 'params'], 'key')));
    } else problems.push(error('invalid-value', `${what}: ${detail}`, file, positions.locate(path, 'value')));
  }
  return undefined;
}

function compileRule(draft: Draft, problems: Diagnostic[]): CompiledRule | undefined {
  const { definition, file, positions } = draft.source;
  const { kind } = definition.check;
  // Own names only: `kind: toString` must be an unknown kind, not Object.prototype's function.
  const checkKind = Object.hasOwn(checkKinds, kind) ? checkKinds[kind as CheckKindName] : undefined;
  if (!checkKind) {
    const suggestion = didYouMean(kind, Object.keys(checkKinds));
    problems.push(error('invalid-value', `"check.kind" is "${kind}", which is not a check kind: use one of ${Object.keys(checkKinds).join(', ')}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`, file, positions.locate(['check', 'kind'], 'value')));
    return undefined;
  }
  const base = compileCheck(draft, checkKind, draft.params, problems);
  if (!base) return undefined;
  // Each service type with params of its own gets its check compiled now, so evaluation only picks one.
  const serviceTypes: CompiledRule['serviceTypes'] = {};
  const checks = [base.check];
  for (const [type, scopeDraft] of Object.entries(draft.serviceTypes) as [ServiceType, ScopeDraft][]) {
    const { skip, params: own } = scopeDraft.scope;
    if (skip !== undefined) {
      serviceTypes[type] = { skip };
      continue;
    }
    const params = { ...draft.params, ...own };
    const compiled = compileCheck(draft, checkKind, params, problems, [type, scopeDraft]);
    if (!compiled) continue;
    serviceTypes[type] = { params, check: compiled.check };
    checks.push(compiled.check);
  }
  // Every message any service type's check needs must be there; one that no check uses is a mistake.
  const used = new Set(checks.flatMap((check) => checkKind.messages(check)));
  for (const id of used) {
    if (definition.messages[id] === undefined) {
      problems.push(error('invalid-value', `rule "${definition.id}" needs a message "${id}" for check kind ${kind}`, file, positions.locate(['messages'], 'key')));
    }
  }
  for (const id of Object.keys(definition.messages).filter((id) => !used.has(id))) {
    problems.push(error('unknown-key', `rule "${definition.id}" has a message "${id}" that check kind ${kind} never uses here`, file, positions.locate(['messages', id], 'key')));
  }
  return {
    id: definition.id,
    title: definition.title,
    description: definition.description,
    severity: draft.severity as Severity,
    citation: draft.citation,
    // A hint names a threshold through its parameter ({{pay_within_days}}), so it stays true in a pack that changes it.
    hint: interpolate(draft.hint, dataOfParams(draft.params)),
    definedIn: draft.definedIn,
    params: draft.params,
    kind: kind as CheckKindName,
    check: base.check,
    messages: definition.messages,
    serviceTypes,
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
  const register = pack.register ? { register: compileRegister(pack.register.definition) } : {};
  return { id: pack.definition.id, title: pack.definition.title, description: pack.definition.description, lineage, rules, off, ...register };
}

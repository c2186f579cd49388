// Packs stage: follows `extends`, applies overrides and resolves `$param` references once, giving the rules a run uses.
import type { Diagnostic } from '../diagnostic.ts';
import { checkKinds, type CheckKindName } from '../evaluate/checks/index.ts';
import type { CheckKind } from '../evaluate/checks/types.ts';
import type { KeyPath, PositionIndex } from '../load/positions.ts';
import { interpolate, paramsAsData } from '../evaluate/interpolate.ts';
import { evidenceSchemaFor, type EvidenceDeclaration } from '../validate/declared-evidence.ts';
import { didYouMean } from '../validate/did-you-mean.ts';
import type { ServiceType } from '../validate/evidence-schema.ts';
import { showSubject } from '../validate/item-path.ts';
import { checkHint, checkMessages } from './check-messages.ts';
import { declareEvidence } from './evidence-declaration.ts';
import { evidenceFormat, fieldPathProblems, type FormatNode } from './field-paths.ts';
import { PackError, type LoadedPack, type Located } from './load-pack.ts';
import { packHash } from './pack-hash.ts';
import { overrideMismatch } from './param-types.ts';
import { checkedByProblems, compileRegister, type Register } from './register.ts';
import { staleWording, type Wording } from './stale-wording.ts';
import type { Citation, PackDefinition, RuleDefinition, ServiceTypeScope, Severity } from './rule-schema.ts';

/** How a rule judges one kind of service: not at all (the policy's reason), or by other parameters. */
export type CompiledScope = { skip: string } | { params: Record<string, unknown>; check: unknown; hint?: string };

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
  /** The pack `include` took the rule from, as that pack runs it. */
  includedFrom?: string;
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
  version: string;
  /** packHash of the rules: differs whenever anything that judges a return does. */
  hash: string;
  description?: string;
  /** This pack and the packs it extends, nearest first. */
  lineage: string[];
  rules: CompiledRule[];
  /** Rules inherited but turned off here. */
  off: string[];
  /** This pack's own obligation register, when it has one. */
  register?: Register;
  /** What loads but may mislead (stale wording), said once a run on stderr. */
  warnings?: Diagnostic[];
  /** What this pack and those it extends add to the evidence format, as data (workers and the snapshot copy it). */
  evidence?: EvidenceDeclaration;
}

/** The format a pack's rules are checked against: its JSON Schema for field paths, its zod schema for item fields. */
interface Format {
  described: FormatNode;
  schema: ReturnType<typeof evidenceSchemaFor>;
}

/** A service type's entry as the last file to set it gave it, with where, for the errors its params may bring. */
interface ScopeDraft {
  scope: ServiceTypeScope;
  file: string;
  positions: Located<unknown>['positions'];
  at: KeyPath;
}

/** Where a parameter was last set (the rule file, or a pack's or config's override), for errors in its value. */
type Origin = { file: string; positions: PositionIndex; path: KeyPath };

interface Draft {
  source: Located<RuleDefinition>;
  definedIn: string;
  /** The pack `include` took the rule from, when it did. */
  includedFrom?: string;
  title: string;
  severity: Severity | 'off';
  effectiveFrom?: string;
  params: Record<string, unknown>;
  origins: Record<string, Origin>;
  citation: Citation;
  hint: string;
  /** Who wrote the hint, and the params in force there: words naming a value since changed are warned of. */
  hintBy: string;
  hintParams: Record<string, unknown>;
  serviceTypes: Partial<Record<ServiceType, ScopeDraft>>;
}

const error = (code: Diagnostic['code'], message: string, file: string, at: { line: number; column: number }): Diagnostic => ({
  code, severity: 'error', message, file, ...at,
});

// Keys that a merge must never copy: prototype pollution through a pack (parsing-stack-facts.md).
const UNSAFE = new Set(['__proto__', 'constructor', 'prototype']);

export type Overrides = PackDefinition['overrides'];

/**
 * A parameter a pack or config sets, refused with a located error unless the rule has it and the value is the kind
 * of value the rule's own is (a number for a number, a list of text for a list of text).
 */
function acceptsParam(ruleId: string, name: string, value: unknown, draft: Draft, { file, positions }: Located<unknown>, path: KeyPath, problems: Diagnostic[]): boolean {
  if (UNSAFE.has(name) || !Object.hasOwn(draft.params, name)) {
    const suggestion = didYouMean(name, Object.keys(draft.params));
    const known = Object.keys(draft.params).join(', ') || 'none';
    problems.push(error('unknown-param', `rule "${ruleId}" has no parameter "${name}"${suggestion ? `; did you mean "${suggestion}"?` : ` (its parameters: ${known})`}`, file, positions.locate(path, 'key')));
    return false;
  }
  const mismatch = overrideMismatch(draft.source.definition.params[name], value);
  if (mismatch) problems.push(error('invalid-value', `${showSubject(path)} ${mismatch}`, file, positions.locate(path, 'value')));
  return !mismatch;
}

/** A rule's own `service_types`, or an override's: each named type's entry replaces the one it had. */
function setServiceTypes(ruleId: string, given: Partial<Record<ServiceType, ServiceTypeScope>> | undefined, draft: Draft, { file, positions }: Located<unknown>, base: KeyPath, problems: Diagnostic[]): void {
  for (const [type, scope] of Object.entries(given ?? {}) as [ServiceType, ServiceTypeScope][]) {
    const at = [...base, type];
    const refused = Object.entries(scope.params ?? {}).filter(([name, value]) => !acceptsParam(ruleId, name, value, draft, { definition: scope, file, positions }, [...at, 'params', name], problems));
    if (refused.length === 0) draft.serviceTypes[type] = { scope, file, positions, at };
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
      const known = suggestion ? `; did you mean "${suggestion}"?` : ` (its rules: ${[...drafts.keys()].join(', ')})`;
      problems.push(error('unknown-rule', `overrides name rule "${ruleId}", which this pack does not have${known}`, file, at));
      continue;
    }
    if (override.severity) draft.severity = override.severity;
    if (override.title) draft.title = override.title;
    if (override.effective_from) draft.effectiveFrom = override.effective_from;
    if (override.hint) {
      draft.hint = override.hint;
      problems.push(...checkHint(override.hint, Object.keys(draft.params), file, positions.locate(['overrides', ruleId, 'hint'], 'value')));
    }
    if (override.citation) draft.citation = { ...draft.citation, ...override.citation };
    for (const [name, value] of Object.entries(override.params ?? {})) {
      const path = ['overrides', ruleId, 'params', name];
      if (!acceptsParam(ruleId, name, value, draft, source, path, problems)) continue;
      draft.params[name] = value;
      draft.origins[name] = { file, positions, path };
    }
    setServiceTypes(ruleId, override.service_types, draft, source, ['overrides', ruleId, 'service_types'], problems);
    if (override.hint) [draft.hintBy, draft.hintParams] = ['id' in definition ? `pack ${String(definition.id)}` : 'the config', { ...draft.params }];
  }
}

/** The rules an `include` entry names, each as the pack it names runs it (with that pack's overrides), in order. */
function takeIncluded(pack: LoadedPack, drafts: Map<string, Draft>, problems: Diagnostic[]): Draft[] {
  const taken: Draft[] = [];
  pack.definition.include.forEach((entry, i) => {
    const from = pack.included[i]!;
    const theirs = new Map<string, Draft>();
    collect(from, theirs, problems);
    const runs = [...theirs].filter(([, d]) => d.severity !== 'off').map(([id]) => id);
    entry.rules.forEach((ruleId, j) => {
      const at = pack.positions.locate(['include', i, 'rules', j], 'value');
      const draft = theirs.get(ruleId);
      const earlier = drafts.get(ruleId) ?? taken.find((d) => d.source.definition.id === ruleId);
      if (!draft || draft.severity === 'off') {
        const suggestion = didYouMean(ruleId, runs);
        const why = draft ? 'turns that rule off' : `runs no such rule${suggestion ? `; did you mean "${suggestion}"?` : ` (its rules: ${runs.join(', ')})`}`;
        problems.push(error('unknown-rule', `include takes rule "${ruleId}" from pack "${from.definition.id}", which ${why}`, pack.file, at));
      } else if (earlier) {
        const by = earlier.includedFrom ? `an earlier include takes it from pack "${earlier.includedFrom}"` : `this pack already has it through extends (from pack "${earlier.definedIn}")`;
        problems.push(error('duplicate-rule', `include takes rule "${ruleId}", but ${by}; change it with overrides in pack.yaml`, pack.file, at));
      } else {
        taken.push({ ...draft, includedFrom: from.definition.id });
      }
    });
  });
  return taken;
}

function collect(pack: LoadedPack, drafts: Map<string, Draft>, problems: Diagnostic[]): string[] {
  const lineage = pack.base ? collect(pack.base, drafts, problems) : [];
  const id = pack.definition.id;
  const added = takeIncluded(pack, drafts, problems);
  for (const rule of pack.rules) {
    const existing = drafts.get(rule.definition.id) ?? added.find((d) => d.source.definition.id === rule.definition.id);
    if (existing) {
      const by = existing.includedFrom ? `included from pack "${existing.includedFrom}"` : `defined by pack "${existing.definedIn}"`;
      problems.push(error('duplicate-rule', `rule "${rule.definition.id}" is already ${by}; change it with overrides in pack.yaml`, rule.file, rule.positions.locate(['id'], 'value')));
      continue;
    }
    const { title, severity, effective_from: effectiveFrom, params, citation, hint, service_types } = rule.definition;
    const origins = Object.fromEntries(Object.keys(params).map((name) => [name, { file: rule.file, positions: rule.positions, path: ['params', name] }]));
    const draft: Draft = { source: rule, definedIn: id, title, severity, effectiveFrom, params: { ...params }, origins, citation, hint, hintBy: `pack ${id}`, hintParams: params, serviceTypes: {} };
    setServiceTypes(rule.definition.id, service_types, draft, rule, ['service_types'], problems);
    added.push(draft);
  }
  // `rules:` orders what the pack adds, included rules among them; without it, included rules come first.
  const order = pack.definition.rules;
  if (order) added.sort((a, b) => order.indexOf(a.source.definition.id) - order.indexOf(b.source.definition.id));
  for (const draft of added) drafts.set(draft.source.definition.id, draft);
  applyOverrides(pack, drafts, problems);
  if (pack.register) problems.push(...checkedByProblems(pack.register, new Map([...drafts].map(([rule, draft]) => [rule, draft.severity]))));
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
function locateInCheck(draft: Draft, origins: Record<string, Origin>, from: Resolution['from'], path: KeyPath): { file: string; line: number; column: number; via?: string } {
  for (let depth = path.length; depth >= 0; depth--) {
    const name = from.get(JSON.stringify(path.slice(0, depth)));
    const origin = name === undefined ? undefined : origins[name];
    if (origin) return { file: origin.file, ...origin.positions.locate([...origin.path, ...path.slice(depth)], 'value'), via: name };
  }
  return { file: draft.source.file, ...draft.source.positions.locate(['check', ...path], 'value') };
}

/**
 * The check with `params` put in for every `$param`, validated by the kind's schema and its field paths resolved in
 * the evidence format. For a service type's params (`scope`), a problem in a value it set is located where it set it.
 */
function compileCheck(draft: Draft, checkKind: CheckKind<unknown>, params: Record<string, unknown>, problems: Diagnostic[], format: Format, scope?: [ServiceType, ScopeDraft]): { check: unknown } | undefined {
  const { definition, file, positions } = draft.source;
  const { kind, ...structure } = definition.check;
  const resolution: Resolution = { unknown: [], from: new Map() };
  const resolved = resolveParams(structure, params, resolution);
  let origins = draft.origins;
  if (scope) {
    const [, { scope: set, file: setIn, positions: setAt, at }] = scope;
    origins = { ...origins, ...Object.fromEntries(Object.keys(set.params ?? {}).map((name) => [name, { file: setIn, positions: setAt, path: [...at, 'params', name] }])) };
  }
  const inCheck = (code: Diagnostic['code'], path: KeyPath, detail: string): Diagnostic => {
    const { file: where, via, ...at } = locateInCheck(draft, origins, resolution.from, path);
    const forType = scope ? `, for service type ${scope[0]}` : '';
    return error(code, `${showSubject(['check', ...path])} in rule "${definition.id}" (check kind ${kind}${via ? `, from $${via}` : ''}${forType}): ${detail}`, where, at);
  };
  // A service type can only set parameters the rule has, so an unknown name is said once, for the rule.
  const unknownAt = [...resolution.from].filter(([, name]) => resolution.unknown.includes(name)).map(([at, name]) => [JSON.parse(at) as KeyPath, name] as const);
  if (!scope) {
    const names = Object.keys(params);
    for (const [at, name] of unknownAt) {
      const suggestion = didYouMean(name, names);
      const known = suggestion ? `; did you mean "$${suggestion}"?` : names.length ? ` (its params: ${names.join(', ')})` : ' (it has none)';
      problems.push(error('unknown-param', `check refers to "$${name}", which is not in the rule's params${known}`, file, positions.locate(['check', ...at], 'value')));
    }
  }
  // A value an unknown `$param` left empty has had its error: "expected a number, received undefined" would be a second.
  const fromUnknown = (path: readonly PropertyKey[]) => unknownAt.some(([at]) => at.every((segment, i) => path[i] === segment));
  const parsed = checkKind.params.safeParse(resolved);
  if (!parsed.success) {
    for (const issue of parsed.error.issues.filter((i) => !fromUnknown(i.path))) {
      const detail = issue.code === 'unrecognized_keys' ? `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}` : issue.message;
      problems.push(inCheck('invalid-value', issue.path as (string | number)[], detail));
    }
    return undefined;
  }
  for (const p of fieldPathProblems(checkKind.fields(parsed.data), format.described)) problems.push(inCheck(p.code, p.at, p.message));
  return { check: parsed.data };
}

function compileRule(draft: Draft, problems: Diagnostic[], format: Format): CompiledRule | undefined {
  const { definition, file, positions } = draft.source;
  const { kind } = definition.check;
  // Own names only: `kind: toString` must be an unknown kind, not Object.prototype's function.
  const checkKind = Object.hasOwn(checkKinds, kind) ? checkKinds[kind as CheckKindName] : undefined;
  if (!checkKind) {
    const suggestion = didYouMean(kind, Object.keys(checkKinds));
    problems.push(error('invalid-value', `"check.kind" is "${kind}", which is not a check kind: use one of ${Object.keys(checkKinds).join(', ')}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`, file, positions.locate(['check', 'kind'], 'value')));
    return undefined;
  }
  const base = compileCheck(draft, checkKind, draft.params, problems, format);
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
    const compiled = compileCheck(draft, checkKind, params, problems, format, [type, scopeDraft]);
    if (!compiled) continue;
    // The hint a provider of this kind reads names this kind's thresholds (kept only where they differ, so the hash
    // of a pack whose hints name none of them stays as it was).
    const hint = interpolate(draft.hint, paramsAsData(params));
    serviceTypes[type] = { params, check: compiled.check, ...(hint !== interpolate(draft.hint, paramsAsData(draft.params)) ? { hint } : {}) };
    checks.push(compiled.check);
  }
  // Every message any service type's check needs must be there, with the placeholders it is given; one that no check
  // uses is a mistake.
  const paramNames = Object.keys(draft.params);
  problems.push(...checkMessages(draft.source, kind, checks.flatMap((check) => checkKind.messages(check)), paramNames, format.schema));
  problems.push(...checkHint(definition.hint, paramNames, file, positions.locate(['hint'], 'value')));
  const wordings: Wording[] = [
    { what: 'its hint', by: draft.hintBy, text: draft.hint, params: draft.hintParams, fix: (name) => `override the hint, with {{${name}}} in its place` },
    ...Object.entries(definition.messages).map(([id, text]) => ({ what: `its message "${id}"`, by: `pack ${draft.definedIn}`, text, params: definition.params, fix: (name: string) => `its pack should write {{${name}}} there` })),
  ];
  problems.push(...staleWording(definition.id, wordings, draft.params, draft.origins));
  return {
    id: definition.id,
    title: draft.title,
    description: definition.description,
    severity: draft.severity as Severity,
    ...(draft.effectiveFrom ? { effectiveFrom: draft.effectiveFrom } : {}),
    citation: draft.citation,
    // A hint names a threshold through its parameter ({{pay_within_days}}), so it stays true in a pack that changes it.
    hint: interpolate(draft.hint, paramsAsData(draft.params)),
    definedIn: draft.definedIn,
    ...(draft.includedFrom ? { includedFrom: draft.includedFrom } : {}),
    params: draft.params,
    kind: kind as CheckKindName,
    check: base.check,
    messages: definition.messages,
    serviceTypes,
  };
}

/**
 * The packs whose declared evidence a pack reads, each once and before the packs that take from it: those it extends,
 * and those it takes rules from, whose rules may read what their own pack declared.
 */
function declaringPacks(pack: LoadedPack, seen = new Set<string>()): LoadedPack[] {
  if (seen.has(pack.file)) return [];
  seen.add(pack.file);
  return [...(pack.base ? declaringPacks(pack.base, seen) : []), ...pack.included.flatMap((from) => declaringPacks(from, seen)), pack];
}

/** `local` is a config file's overrides, applied last: a commissioner's own reading of the pack. */
export function compilePack(pack: LoadedPack, local?: Located<{ overrides: Overrides }>): CompiledPack {
  const drafts = new Map<string, Draft>();
  const problems: Diagnostic[] = [];
  const lineage = collect(pack, drafts, problems);
  const { declared, problems: declaring } = declareEvidence(declaringPacks(pack));
  problems.push(...declaring);
  const format: Format = { described: evidenceFormat(declared), schema: evidenceSchemaFor(declared) };
  if (local) applyOverrides(local, drafts, problems);
  const rules: CompiledRule[] = [];
  const off: string[] = [];
  for (const draft of drafts.values()) {
    if (draft.severity === 'off') {
      off.push(draft.source.definition.id);
      continue;
    }
    const rule = compileRule(draft, problems, format);
    if (rule) rules.push(rule);
  }
  // A mistake in a parameter every service type shares would otherwise be said once for each of them.
  const said = new Set<string>();
  const unique = problems.filter((p) => !said.has(`${p.file}:${p.line}:${p.column}:${p.message}`) && said.add(`${p.file}:${p.line}:${p.column}:${p.message}`));
  const errors = unique.filter((p) => p.severity === 'error');
  if (errors.length > 0) throw new PackError(errors);
  const warnings = unique.filter((p) => p.severity === 'warning');
  const { id, title, version, description } = pack.definition;
  const register = pack.register ? { register: compileRegister(pack.register.definition) } : {};
  // A declaration changes what a return may hold, so it is part of what judged it; packs without one hash as before.
  const hash = packHash(declared ? { rules, evidence: declared } : rules);
  return { id, title, version, hash, description, lineage, rules, off, ...register, ...(declared ? { evidence: declared } : {}), ...(warnings.length ? { warnings } : {}) };
}

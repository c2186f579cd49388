// The obligation registers (rules-and-reports.md, "Faithful to the policy"). For every shipped pack with a register:
// each citation it sets quotes the words of an obligation in that register which names the rule; each obligation is
// checked or says why not; a checked obligation's wording is the severity of one of its rules. And what
// `involve coverage` counts.
import { describe, expect, it } from 'vitest';
import { compilePack, type CompiledPack, type CompiledRule } from '../../src/packs/compile-pack.ts';
import { loadPack, shippedPackNames, type LoadedPack } from '../../src/packs/load-pack.ts';
import { normaliseWords, quoteIsIn } from '../../src/packs/policy-words.ts';
import { compileRegister, coverageOf, type Obligation, type Register } from '../../src/packs/register.ts';

// The format's own text is cited too (no-personal-data, attachments-present); it is not a policy and has no register.
const citesEvidenceFormat = (rule: CompiledRule) => /^Involvement evidence format\b/.test(rule.citation.document);

// The packs whose overrides shaped a rule, nearest first: the pack, those it includes rules from, those it extends.
const chainOf = (pack: LoadedPack): LoadedPack[] => [pack, ...pack.included.flatMap(chainOf), ...(pack.base ? chainOf(pack.base) : [])];

/** The pack that set a rule's quote: the nearest whose overrides give one, else the pack that defines the rule. */
const citedBy = (chain: LoadedPack[], rule: CompiledRule) =>
  chain.find((p) => p.definition.overrides[rule.id]?.citation?.quote !== undefined) ?? chain.find((p) => p.definition.id === rule.definedIn)!;

const shipped = shippedPackNames().map((name) => {
  const loaded = loadPack(name, process.cwd());
  return { loaded, compiled: compilePack(loaded) };
});

const citations = shipped.flatMap(({ loaded, compiled }) =>
  compiled.rules
    .filter((rule) => !citesEvidenceFormat(rule))
    .map((rule) => ({ pack: compiled.id, rule, setter: citedBy(chainOf(loaded), rule) }))
    .filter(({ setter }) => setter.register !== undefined)
    .map(({ pack, rule, setter }) => [pack, rule.id, setter.definition.id, rule, compileRegister(setter.register!.definition)] as const),
);

const withRegisters = shipped.filter(({ compiled }) => compiled.register).map(({ compiled }) => [compiled.id, compiled] as const);

// The policies the shipped packs rest on, by their full titles.
const POLICIES = [
  'Crime and Drugs Partnership Service User & Carer Involvement policy 2015',
  'Involving Service Users and Families: In the Commissioning, Planning and Development of Drug and Alcohol Treatment, An Oxfordshire Strategy 2009-2012',
];

const show = (o: Obligation) => `${o.id} (${o.document}, ${o.section})`;

describe('the shipped registers', () => {
  // Every pack the project ships says which of its policy's obligations it checks (issue 10): a new pack without
  // a register fails here.
  it.each(shippedPackNames())('%s ships an obligation register', (name) => {
    const { compiled } = shipped.find(({ compiled }) => compiled.id === name)!;
    expect(compiled.register?.obligations.length ?? 0, `rules/${name} has no obligations.yaml`).toBeGreaterThan(0);
  });

  it('include core, whose rules cite both policies', () => {
    expect(withRegisters.map(([id]) => id)).toContain('core');
    expect(citations.length).toBeGreaterThanOrEqual(5);
  });

  it.each(citations)('in %s, %s cites the words of an obligation it checks in the register of %s', (_, ruleId, setter, rule, register) => {
    const serving = register.obligations.filter((o) => o.checked_by?.includes(ruleId));
    expect(serving.map(show), `no obligation in ${setter}'s register names ${ruleId}`).not.toEqual([]);
    const { document, section, quote } = rule.citation;
    const quoted = serving.filter((o) => o.document === document && o.section.split('; ').includes(section) && quoteIsIn(quote, o.words));
    expect(quoted.map(show), `"${quote}" (${document}, ${section}) is in the words of none of ${serving.map(show).join('; ')}`).not.toEqual([]);
  });

  it.each(withRegisters)('%s: every obligation is checked at the severity its words imply, or says why no rule checks it', (_, pack) => {
    for (const o of pack.register!.obligations) {
      if (!o.checked_by) {
        expect(o.unchecked, o.id).toBeDefined();
        expect(o.why?.trim(), o.id).toBeTruthy();
        continue;
      }
      const severities = o.checked_by.map((id) => pack.rules.find((r) => r.id === id)?.severity);
      expect(severities, `${o.id} is "${o.wording}" in its words; its rules are ${o.checked_by.join(', ')}`).toContain(o.wording);
    }
  });

  it.each(withRegisters)('%s: every obligation names its policy by its full title', (_, pack) => {
    for (const o of pack.register!.obligations) expect(POLICIES, o.id).toContain(o.document);
  });

  it.each(withRegisters)('%s: no two obligations have the same words', (_, pack) => {
    const seen = new Map<string, string>();
    for (const o of pack.register!.obligations) {
      const words = normaliseWords(o.words).toLowerCase();
      expect(seen.get(words), `${o.id} has the words of ${seen.get(words)}`).toBeUndefined();
      seen.set(words, o.id);
    }
  });
});

describe('coverageOf', () => {
  const obligation = (id: string, more: Partial<Obligation>): Obligation => ({ id, document: 'D', section: 'S', words: `words of ${id}`, wording: 'required', ...more });
  const register: Register = {
    document: 'D',
    obligations: [
      obligation('a', { checked_by: ['lead'] }),
      obligation('b', { checked_by: ['charter', 'lead'] }),
      obligation('c', { checked_by: ['charter'] }),
      obligation('d', { unchecked: 'commissioner-duty', why: 'The DAAT does it.' }),
      obligation('e', { unchecked: 'declaration-only', why: 'Respect cannot be counted.' }),
    ],
  };
  const pack = (rules: CompiledPack['rules'], off: string[] = []) => ({ id: 'p', title: 'P', rules, off, register });
  const rule = (id: string, severity: CompiledRule['severity']) => ({ id, severity }) as CompiledRule;

  it('counts what is checked, what no quarterly return can evidence, and the share of the rest checked', () => {
    const coverage = coverageOf(pack([rule('lead', 'required'), rule('charter', 'recommended')]));
    expect(coverage.summary).toEqual({ obligations: 5, checked: 3, unchecked: { 'commissioner-duty': 1, 'named-service': 0, 'declaration-only': 1 }, checkable: 3, share: 100 });
    expect(coverage.obligations!.find((o) => o.id === 'b')!.rules).toEqual([{ id: 'charter', severity: 'recommended' }, { id: 'lead', severity: 'required' }]);
  });

  it('counts an obligation whose only rules are off in this configuration as not checked', () => {
    const coverage = coverageOf(pack([rule('lead', 'required')], ['charter']));
    expect(coverage.obligations!.find((o) => o.id === 'c')).toMatchObject({ checked: false, rules: [{ id: 'charter', severity: 'off' }] });
    expect(coverage.obligations!.find((o) => o.id === 'b')!.checked).toBe(true);
    expect(coverage.summary).toMatchObject({ checked: 2, checkable: 3, share: 66 });
  });

  it('has no obligations and no summary for a pack without a register', () => {
    expect(coverageOf({ id: 'p', title: 'P', rules: [] })).toEqual({ pack: { id: 'p', title: 'P' } });
  });
});

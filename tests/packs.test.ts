// The meta-check (ESLint's checkRuleFiles): every rule file is used by a shipped pack, cites its policy,
// has a hint, and is shown both passing and failing by a fixture in fixtures/rules/.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { compilePack } from '../src/packs/compile-pack.ts';
import { loadPack, shippedPackNames, shippedPacksDir } from '../src/packs/load-pack.ts';
import { REGISTER_FILE } from '../src/packs/register.ts';
import type { RuleCases } from './rules.test.ts';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'rules');
const casesFor = (ruleId: string) =>
  readdirSync(fixtures)
    .filter((folder) => folder === ruleId || folder.startsWith(`${ruleId}@`))
    .flatMap((folder) => (parse(readFileSync(join(fixtures, folder, 'cases.yaml'), 'utf8')) as RuleCases).cases);

const packs = shippedPackNames().map((id) => compilePack(loadPack(id, process.cwd())));
const ruleFiles = shippedPackNames().flatMap((pack) =>
  readdirSync(join(shippedPacksDir(), pack))
    .filter((name) => name.endsWith('.yaml') && name !== 'pack.yaml' && name !== REGISTER_FILE)
    .map((name) => name.replace(/\.yaml$/, '')),
);

describe('every shipped rule', () => {
  it('is found: the three shipped packs and their rule files', () => {
    expect(shippedPackNames()).toEqual(['core', 'nottingham-cdp-2015', 'oxfordshire-daat-2009']);
    expect(ruleFiles.length).toBeGreaterThan(10);
  });

  it.each(ruleFiles)('%s is run by a shipped pack, cited, hinted, and tested passing and failing', (id) => {
    const inPacks = packs.flatMap((p) => p.rules).filter((r) => r.id === id);
    expect(inPacks.length, 'no shipped pack runs it').toBeGreaterThan(0);
    for (const rule of inPacks) {
      expect(rule.citation.document.length).toBeGreaterThan(10);
      expect(rule.citation.quote.length).toBeGreaterThan(10);
      expect(rule.hint.length).toBeGreaterThan(40);
    }
    const statuses = new Set(casesFor(id).map((c) => c.status));
    expect(statuses).toContain('pass');
    // An aspirational rule never fails a file: what it misses is information.
    expect(statuses).toContain(inPacks.every((r) => r.severity === 'aspirational') ? 'info' : 'fail');
  });
});

describe('every shipped pack', () => {
  it.each(shippedPackNames())('%s runs the personal-data guard as required', (id) => {
    const pack = packs.find((p) => p.id === id)!;
    expect(pack.rules.find((r) => r.id === 'no-personal-data')?.severity).toBe('required');
  });
});

// `involve schema --pack`: the JSON Schema an editor uses for pack.yaml and rule files accepts every shipped file,
// knows each check kind's parameters by `kind`, and takes a $param wherever the check takes a value.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { shippedPackNames, shippedPacksDir } from '../../src/packs/load-pack.ts';
import { repo, runCli } from '../cli/run-cli.ts';

const schemaOf = async (...args: string[]) => {
  const r = await runCli(['schema', '--pack', ...args]);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as Record<string, unknown>;
};
const validator = (schema: Record<string, unknown>) => new Ajv2020({ strict: false, allErrors: true }).compile(schema);

const files = shippedPackNames().flatMap((pack) =>
  readdirSync(join(shippedPacksDir(), pack))
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => ({ name: `${pack}/${name}`, part: name === 'pack.yaml' ? ('pack' as const) : name === 'obligations.yaml' ? ('register' as const) : ('rule' as const), data: parse(readFileSync(join(shippedPacksDir(), pack, name), 'utf8')) as unknown })),
);

const rule = (check: Record<string, unknown>) => ({
  id: 'r',
  title: 'R',
  description: 'D',
  severity: 'required',
  citation: { document: 'D', section: 'S', quote: 'Q' },
  hint: 'H',
  params: { months: 3 },
  check,
  messages: {},
});

describe('involve schema --pack', () => {
  it('accepts every shipped pack.yaml, rule file and register, in the schema of all three and in its own only', async () => {
    const all = validator(await schemaOf());
    const own = { rule: validator(await schemaOf('rule')), pack: validator(await schemaOf('pack')), register: validator(await schemaOf('register')) };
    expect(files.filter((f) => f.part === 'register').length).toBeGreaterThan(0);
    for (const file of files) {
      expect(all(file.data), `${file.name}: ${JSON.stringify(all.errors)}`).toBe(true);
      for (const part of ['rule', 'pack', 'register'] as const) expect(own[part](file.data), `${file.name} as ${part}`).toBe(part === file.part);
    }
  });

  it("checks a check's parameters by its kind, and takes a $param for any value", async () => {
    const valid = validator(await schemaOf('rule'));
    expect(valid(rule({ kind: 'count-in-window', list: 'surveys', date_field: 'to', window_months: '$months' }))).toBe(true);
    expect(valid(rule({ kind: 'count-in-window', list: 'surveys', date_field: 'to', window_months: 'three' }))).toBe(false);
    expect(valid(rule({ kind: 'count-in-window', list: 'surveys', date_feild: 'to', window_months: 3 }))).toBe(false);
    // A parameter of another kind is not one of this kind's.
    expect(valid(rule({ kind: 'named-person', section: 'involvement_lead', placeholders: [], date_field: 'to' }))).toBe(false);
    expect(valid(rule({ kind: 'run-javascript' }))).toBe(false);
  });

  it('knows contains_any, nested any_of and none_of, and a conditions check with no section', async () => {
    const valid = validator(await schemaOf());
    const nested = { any_of: [{ field: 'activity', contains_any: ['forum'] }, { none_of: [{ field: 'rung', at_least: '$months' }] }], message: 'm' };
    expect(valid(rule({ kind: 'conditions', items: { list: 'ladder', require: [nested] } }))).toBe(true);
    expect(valid(rule({ kind: 'conditions', items: { list: 'ladder', require: [{ field: 'activity', contains_any: 'forum', message: 'm' }] } }))).toBe(false);
    // Inside a combination a condition has no message of its own.
    expect(valid(rule({ kind: 'conditions', items: { list: 'ladder', require: [{ any_of: [{ field: 'a', present: true, message: 'x' }], message: 'm' }] } }))).toBe(false);
  });

  it('takes include, a title override and a citation url in pack.yaml', async () => {
    const valid = validator(await schemaOf('pack'));
    const include = [{ pack: 'oxfordshire-daat-2009', rules: ['peer-mentors-supported'] }];
    expect(valid({ id: 'p', title: 'P', version: '1', include, overrides: { 'peer-mentors-supported': { title: 'T', citation: { url: 'https://example.org/a.pdf' } } } })).toBe(true);
    expect(valid({ id: 'p', title: 'P', version: '1', include: [{ pack: 'core' }] })).toBe(false);
  });

  it('asks a pack for its version, and takes effective_from as a quarter', async () => {
    const valid = validator(await schemaOf('pack'));
    expect(valid({ id: 'p', title: 'P', version: '2026-12', overrides: { 'surveys-conducted': { effective_from: '2027-Q1' } } })).toBe(true);
    expect(valid({ id: 'p', title: 'P' })).toBe(false);
    expect(valid({ id: 'p', title: 'P', version: '1', overrides: { 'surveys-conducted': { effective_from: '2027-q1' } } })).toBe(false);
  });

  it('matches the copy published in docs/', async () => {
    const r = await runCli(['schema', '--pack']);
    expect(readFileSync(join(repo, 'docs', 'rule-pack.schema.json'), 'utf8')).toBe(r.stdout);
  });

  it('refuses a part it does not know', async () => {
    const r = await runCli(['schema', '--pack', 'rules']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("error: option '--pack [which]' argument 'rules' is invalid. Allowed choices are rule, pack, register.\n");
  });
});

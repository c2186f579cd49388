// Tests for packs/check-messages.ts: a rule's wording is checked against what its check gives it when the pack
// loads, so a slip in a placeholder or a condition's message id is a located error, never "(not given)" in a report.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compilePack } from '../../src/packs/compile-pack.ts';
import { loadPack, PackError } from '../../src/packs/load-pack.ts';
import { examples, runCli } from '../cli/run-cli.ts';

const SURVEYS = `id: forum
title: Forum met
description: D
severity: recommended
citation: {document: D, section: S, quote: Q}
hint: Hold the forum {{meetings}} times a quarter.
params: {meetings: 3}
check:
  kind: count-in-window
  list: surveys
  date_field: to
  window_months: 3
  at_least: $meetings
messages:
  missing: no surveys are listed
  too-few: "{{count}} between {{window_start}} and {{window_end}}; {{meetings}} expected"
  counted: "{{title}} ({{to}})"
`;

const CHARTER = `id: charter
title: Charter
description: D
severity: required
citation: {document: D, section: S, quote: Q}
hint: H
check:
  kind: conditions
  section: charter
  items:
    list: sites
    label: site
    require:
      - field: rooms_displaying_charter
        at_least_field: rooms_used_by_service_users
        message: room-short
messages:
  missing: no charter
  pass: charter shown
  none-applicable: no sites
  item-pass: "{{label}}"
  room-short: "{{label}}: {{actual}} of {{expected}} rooms"
`;

function pack(rules: Record<string, string>, packYaml = 'id: p\ntitle: P\nversion: "1"\n'): string {
  const dir = mkdtempSync(join(tmpdir(), 'involve-msg-'));
  mkdirSync(join(dir, 'p'));
  writeFileSync(join(dir, 'p', 'pack.yaml'), packYaml);
  for (const [id, text] of Object.entries(rules)) writeFileSync(join(dir, 'p', `${id}.yaml`), text);
  return dir;
}

function problems(dir: string) {
  try {
    return { pack: compilePack(loadPack('./p', dir)), diagnostics: [] };
  } catch (error) {
    if (error instanceof PackError) return { pack: undefined, diagnostics: error.diagnostics };
    throw error;
  }
}

describe('message placeholders at load', () => {
  it('accepts the message data, the item fields of item messages and the params, and fills the hint', () => {
    const { pack: compiled, diagnostics } = problems(pack({ forum: SURVEYS, charter: CHARTER }));
    expect(diagnostics).toEqual([]);
    expect(compiled!.rules.find((r) => r.id === 'forum')!.hint).toBe('Hold the forum 3 times a quarter.');
  });

  it('rejects a misspelt placeholder with its file, line and column, and the name it meant', () => {
    const { diagnostics } = problems(pack({ forum: SURVEYS.replace('{{count}} between', '{{cuont}} between') }));
    expect(diagnostics).toEqual([
      { code: 'unknown-placeholder', severity: 'error', message: 'message "too-few" names {{cuont}}, which it is not given; did you mean {{count}}?', file: 'p/forum.yaml', line: 16, column: 12 },
    ]);
  });

  it("rejects an item's field in a message that is not about an item, listing what it can name", () => {
    const { diagnostics } = problems(pack({ forum: SURVEYS.replace('{{count}} between', '{{respondents}} between') }));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.message).toBe(
      'message "too-few" names {{respondents}}, which it is not given: it can name window_start, window_end, window_months, at_least, count, meetings',
    );
  });

  it("rejects a field the item does not have, suggesting the item's own", () => {
    const { diagnostics } = problems(pack({ forum: SURVEYS.replace('{{title}} ({{to}})', '{{titel}} ({{to}})') }));
    expect(diagnostics.map((d) => [d.code, d.message, d.line])).toEqual([['unknown-placeholder', 'message "counted" names {{titel}}, which it is not given; did you mean {{title}}?', 17]]);
  });

  it('never takes a name every object inherits for data, a field or a param', () => {
    const { diagnostics } = problems(pack({ forum: SURVEYS.replace('{{title}} ({{to}})', '{{constructor}} {{toString}}') }));
    expect(diagnostics.map((d) => d.code)).toEqual(['unknown-placeholder', 'unknown-placeholder']);
  });

  it('checks a hint against the params, in the rule file and in an override', () => {
    const inRule = problems(pack({ forum: SURVEYS.replace('{{meetings}} times', '{{meeting}} times') })).diagnostics;
    expect(inRule.map((d) => [d.message, d.file, d.line])).toEqual([['the hint names {{meeting}}, which it is not given; did you mean {{meetings}}?', 'p/forum.yaml', 6]]);
    const inOverride = problems(pack({ forum: SURVEYS }, 'id: p\ntitle: P\nversion: "1"\noverrides:\n  forum:\n    hint: "Meet {{count}} times"\n')).diagnostics;
    expect(inOverride.map((d) => [d.code, d.file, d.line, d.column])).toEqual([['unknown-placeholder', 'p/pack.yaml', 6, 11]]);
  });
});

describe("a condition's message at load", () => {
  it("is an id in the rule's messages: a misspelt one is located at the condition, with the one it meant", () => {
    const { diagnostics } = problems(pack({ charter: CHARTER.replace('message: room-short', 'message: rooms-short') }));
    expect(diagnostics.map((d) => [d.code, d.message, d.line, d.column])).toEqual([
      ['unknown-message', `the condition's message "rooms-short" is not in the rule's messages; did you mean "room-short"?`, 16, 18],
      ['unknown-key', 'rule "charter" has a message "room-short" that check kind conditions never uses here; did you mean "rooms-short"?', 22, 3],
    ]);
  });

  it('is not wording: wording written in its place says where wording goes', () => {
    const { diagnostics } = problems(pack({ charter: CHARTER.replace('message: room-short', 'message: "{{label}}: too few rooms"') }));
    expect(diagnostics[0]).toMatchObject({ code: 'invalid-value', line: 16, column: 18 });
    expect(diagnostics[0]!.message).toContain("a message id such as room-short, whose wording is in the rule's messages");
  });

  it("may name the condition's data, the label and the item's fields", () => {
    const wording = '"{{label}} {{field}} {{actual}} {{expected}} {{missing}} {{site}} {{checked_on}}"';
    expect(problems(pack({ charter: CHARTER.replace('"{{label}}: {{actual}} of {{expected}} rooms"', wording) })).diagnostics).toEqual([]);
    const wrong = problems(pack({ charter: CHARTER.replace('"{{label}}: {{actual}} of {{expected}} rooms"', '"{{lable}}"') })).diagnostics;
    expect(wrong.map((d) => d.message)).toEqual(['message "room-short" names {{lable}}, which it is not given; did you mean {{label}}?']);
  });
});

describe('involve audit with a pack whose message names nothing', () => {
  it('exits 2 with the located error, before auditing anything', async () => {
    const dir = pack({ forum: SURVEYS.replace('{{count}} between', '{{cuont}} between') });
    const r = await runCli(['audit', examples, '--rules', './p'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('p/forum.yaml:16:12: error: message "too-few" names {{cuont}}, which it is not given; did you mean {{count}}?');
    expect(r.stdout).toBe('');
  });
});

// Pack mistakes are caught when the pack loads, each as one located line with "did you mean" where a near name
// exists: a field path that leads nowhere, an operator that does not fit its field, an override of the wrong type.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/diagnostic.ts';
import { checkKinds } from '../../src/evaluate/checks/index.ts';
import type { FieldRef } from '../../src/evaluate/checks/types.ts';
import { compilePack } from '../../src/packs/compile-pack.ts';
import { askedFields, describeField, evidenceFormat, fieldPathProblems } from '../../src/packs/field-paths.ts';
import { loadPack, PackError, shippedPackNames } from '../../src/packs/load-pack.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import { examples, repo, runCli } from '../cli/run-cli.ts';
import { packFolder as folder } from './pack-folder.ts';

/** Every problem, as the CLI prints it, of compiling pack `p` (with `config` applied last). */
function problems(files: Record<string, string>, config?: string): string[] {
  const dir = folder(files);
  try {
    compilePack(loadPack('./p', dir), config ? loadConfig(join(dir, config), dir) : undefined);
  } catch (error) {
    if (error instanceof PackError) return error.diagnostics.map(formatDiagnostic);
    throw error;
  }
  return [];
}

const PACK = 'id: p\ntitle: P\nversion: "1"\n';
/** A rule file whose check starts on line 8, each line of `check` indented under it. */
const rule = (check: string, messages: string) =>
  `id: r\ntitle: R\ndescription: D\nseverity: required\ncitation: {document: D, section: S, quote: Q}\nhint: H\ncheck:\n${check.replace(/^/gm, '  ')}\nmessages: {${messages}}\n`;
const ofRule = (check: string, messages: string) => problems({ 'p/pack.yaml': PACK, 'p/r.yaml': rule(check, messages) });

const COUNT = 'missing: m, too-few: t, counted: c';
const CONDITIONS = 'missing: m, pass: p';
const ITEMS = 'missing: m, pass: p, none-applicable: n, item-pass: i';

describe('a field path that leads nowhere', () => {
  it.each([
    ['an item field (date_field), with did you mean', 'kind: count-in-window\nlist: family_involvement.activities\ndate_field: dat\nwindow_months: 12', COUNT,
      'p/r.yaml:10:15: error: "check.date_field" in rule "r" (check kind count-in-window): no field "dat" in an item of family_involvement.activities; did you mean "date"?'],
    ['a section, from the file', 'kind: conditions\nsection: chartr', CONDITIONS,
      'p/r.yaml:9:12: error: "check.section" in rule "r" (check kind conditions): no field "chartr" in the evidence file; did you mean "charter"?'],
    ['a list, from its section', 'kind: conditions\nsection: charter\nitems: {list: site}', ITEMS,
      'p/r.yaml:10:17: error: "check.items.list" in rule "r" (check kind conditions): no field "site" in charter; did you mean "sites"?'],
    ['a label, from the item', 'kind: conditions\nsection: charter\nitems: {list: sites, label: sitename}', ITEMS,
      'p/r.yaml:10:31: error: "check.items.label" in rule "r" (check kind conditions): no field "sitename" in an item of charter.sites (its fields: site, rooms_used_by_service_users, rooms_displaying_charter, checked_on, evidence)'],
    ['a condition field with no near name, listing the fields there', 'kind: conditions\nsection: charter\nitems:\n  list: sites\n  require: [{field: rooms_in_use, present: true, message: x}]', `${ITEMS}, x: X`,
      'p/r.yaml:12:23: error: "field" in check.items.require, item 1 in rule "r" (check kind conditions): no field "rooms_in_use" in an item of charter.sites (its fields: site, rooms_used_by_service_users, rooms_displaying_charter, checked_on, evidence)'],
    ['applies_when', 'kind: conditions\nsection: feedback\nitems:\n  list: routes\n  applies_when: [{field: confidental, equals: true}]', ITEMS,
      'p/r.yaml:12:28: error: "field" in check.items.applies_when, item 1 in rule "r" (check kind conditions): no field "confidental" in an item of feedback.routes; did you mean "confidential"?'],
    ['at_least_field, beside its field', 'kind: conditions\nsection: charter\nitems:\n  list: sites\n  require: [{field: rooms_displaying_charter, at_least_field: rooms_in_use, message: x}]', `${ITEMS}, x: X`,
      'p/r.yaml:12:65: error: "at_least_field" in check.items.require, item 1 in rule "r" (check kind conditions): no field "rooms_in_use" in an item of charter.sites (its fields: site, rooms_used_by_service_users, rooms_displaying_charter, checked_on, evidence)'],
    ['follow_up.field', 'kind: count-in-window\nlist: surveys\ndate_field: to\nwindow_months: 3\nfollow_up: {field: results_fedback, grace_days: 28}', `${COUNT}, follow-up: f`,
      'p/r.yaml:12:22: error: "check.follow_up.field" in rule "r" (check kind count-in-window): no field "results_fedback" in an item of surveys; did you mean "results_fed_back"?'],
    ['skip_when, from the file, not the list', 'kind: count-in-window\nlist: family_involvement.activities\ndate_field: date\nwindow_months: 12\nskip_when: {field: not_appropriate, present: true}', `${COUNT}, skip: s`,
      'p/r.yaml:12:22: error: "check.skip_when.field" in rule "r" (check kind count-in-window): no field "not_appropriate" in the evidence file (its fields: $schema, format, provider, period, submitted, involvement_lead, charter, surveys, volunteer_expenses, ladder, complaints, advocacy, involvement_levels, peer_mentors, service_user_involvement, family_involvement, care_planning, information, feedback)'],
    ['a path through a value that has no fields', 'kind: conditions\nsection: provider.name.first', CONDITIONS,
      'p/r.yaml:9:12: error: "check.section" in rule "r" (check kind conditions): "provider.name" is text, which has no field "first"'],
    ['phone_allowed_in, read through lists', 'kind: no-personal-data\nphone_allowed_in: [involvement_lead.contakt, surveys.titel]\nreferences: []', 'found: f, not-reference: n, pass: p',
      'p/r.yaml:9:22: error: check.phone_allowed_in, item 1 in rule "r" (check kind no-personal-data): no field "contakt" in involvement_lead; did you mean "contact"?',
      'p/r.yaml:9:48: error: check.phone_allowed_in, item 2 in rule "r" (check kind no-personal-data): no field "titel" in an item of surveys; did you mean "title"?'],
    ['the evidence a counted item must list, where items have none', 'kind: conditions\nsection: feedback\nitems: {list: routes, require_evidence: true}', `${ITEMS}, no-evidence: e`,
      'p/r.yaml:10:43: error: "check.items.require_evidence" in rule "r" (check kind conditions): no field "evidence" in an item of feedback.routes (its fields: route, confidential, open_to_families)'],
    ['references, read through lists', 'kind: no-personal-data\nphone_allowed_in: []\nreferences: [volunteer_expenses.claims.volunter, volunteer_expenses.claims]', 'found: f, not-reference: n, pass: p',
      'p/r.yaml:10:16: error: check.references, item 1 in rule "r" (check kind no-personal-data): no field "volunter" in an item of volunteer_expenses.claims; did you mean "volunteer"?',
      'p/r.yaml:10:52: error: check.references, item 2 in rule "r" (check kind no-personal-data): references needs text, but "volunteer_expenses.claims" is a list'],
    ['a field the kind itself reads in the section', 'kind: named-person\nsection: charter\nplaceholders: []', 'missing: m, placeholder: p, missing-field: f, bad-contact: b, not-in-post: n, pass: p',
      'p/r.yaml:9:12: error: "check.section" in rule "r" (check kind named-person): no field "name" in charter (its fields: logged_with_commissioner, explained_at_care_planning, sites)',
      'p/r.yaml:9:12: error: "check.section" in rule "r" (check kind named-person): no field "since" in charter (its fields: logged_with_commissioner, explained_at_care_planning, sites)'],
  ])('%s', (_, check, messages, ...expected) => {
    expect(ofRule(check, messages)).toEqual(expected);
  });

  it('stops the run with exit 2 before auditing, one line each', async () => {
    const dir = folder({ 'p/pack.yaml': `${PACK}extends: core\n`, 'p/r.yaml': rule('kind: count-in-window\nlist: family_involvement.activities\ndate_field: dat\nwindow_months: 12', COUNT) });
    const r = await runCli(['audit', examples, '--rules', './p'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'p/r.yaml:10:15: error: "check.date_field" in rule "r" (check kind count-in-window): no field "dat" in an item of family_involvement.activities; did you mean "date"?\n' +
        'involve: cannot run with this rule pack or config; nothing was audited\n',
    );
  });

  it('reads a name inherited by every object as no field at all', () => {
    expect(ofRule('kind: conditions\nsection: toString\nrequire: [{field: constructor, present: true, message: x}]', `${CONDITIONS}, x: X`)).toEqual([
      expect.stringContaining('p/r.yaml:9:12: error: "check.section" in rule "r" (check kind conditions): no field "toString" in the evidence file (its fields: '),
    ]);
    expect(ofRule('kind: conditions\nsection: involvement_lead\nrequire: [{field: constructor, present: true, message: x}]', `${CONDITIONS}, x: X`)).toEqual([
      'p/r.yaml:10:21: error: "field" in check.require, item 1 in rule "r" (check kind conditions): no field "constructor" in involvement_lead (its fields: name, role, contact, since)',
    ]);
  });

  it('names an item of a list of values as such', () => {
    expect(ofRule('kind: no-personal-data\nphone_allowed_in: [advocacy.services_promoted.name]\nreferences: []', 'found: f, not-reference: n, pass: p')).toEqual([
      'p/r.yaml:9:22: error: check.phone_allowed_in, item 1 in rule "r" (check kind no-personal-data): an item of advocacy.services_promoted is text, which has no field "name"',
    ]);
  });

  it('takes a list index as one item, as the check reads it', () => {
    expect(ofRule('kind: conditions\nsection: charter.sites.0', CONDITIONS)).toEqual([]);
    expect(ofRule('kind: conditions\nsection: charter.sites.site', CONDITIONS)).toEqual([
      'p/r.yaml:9:12: error: "check.section" in rule "r" (check kind conditions): "charter.sites" is a list, which has no field "site"',
    ]);
  });
});

describe('an operator or a use that does not fit its field', () => {
  it.each([
    ['at_least on text', 'kind: count-in-window\nlist: surveys\ndate_field: to\nwindow_months: 3\nwhere: [{field: title, at_least: 3}]', COUNT,
      'p/r.yaml:12:36: error: "at_least" in check.where, item 1 in rule "r" (check kind count-in-window): at_least needs a number, but "title" in an item of surveys is text'],
    ['not_older_than_days on a field that is not a date', 'kind: conditions\nsection: charter\nitems:\n  list: sites\n  require: [{field: site, not_older_than_days: 92, message: x}]', `${ITEMS}, x: X`,
      'p/r.yaml:12:50: error: "not_older_than_days" in check.items.require, item 1 in rule "r" (check kind conditions): not_older_than_days needs a date, but "site" in an item of charter.sites is text'],
    ['includes_all on a field that is not a list', 'kind: conditions\nsection: advocacy\nrequire: [{field: how, includes_all: [The Alliance], message: x}]', `${CONDITIONS}, x: X`,
      'p/r.yaml:10:40: error: "includes_all" in check.require, item 1 in rule "r" (check kind conditions): includes_all needs a list of names, but "advocacy.how" is text'],
    ['equals "3" against a count', 'kind: count-in-window\nlist: surveys\ndate_field: to\nwindow_months: 3\nwhere: [{field: respondents, equals: "3"}]', COUNT,
      'p/r.yaml:12:40: error: "equals" in check.where, item 1 in rule "r" (check kind count-in-window): equals "3" can never match: "respondents" in an item of surveys is a whole number, 0 or more'],
    ['one_of a value the field never holds, with did you mean', 'kind: count-in-window\nlist: family_involvement.activities\ndate_field: date\nwindow_months: 12\nwhere: [{field: stage, one_of: [planning, evaluaton]}]', COUNT,
      'p/r.yaml:12:45: error: check.where, item 1, one_of, item 2 in rule "r" (check kind count-in-window): one_of "evaluaton" can never match: "stage" in an item of family_involvement.activities is one of planning, development, delivery, evaluation; did you mean "evaluation"?'],
    ['a date_field that is not a date', 'kind: values-evidenced\nlist: ladder\nfield: rung\ndate_field: activity\nwindow_months: 12\nrequired: [1]', 'missing-value: m, evidenced: e',
      'p/r.yaml:11:15: error: "check.date_field" in rule "r" (check kind values-evidenced): date_field needs a date, but "activity" in an item of ladder is text'],
    ['a list that is a section', 'kind: count-in-window\nlist: charter\ndate_field: checked_on\nwindow_months: 3', COUNT,
      'p/r.yaml:9:9: error: "check.list" in rule "r" (check kind count-in-window): list needs a list, but "charter" is a section of fields'],
    ['a required value the field never holds', 'kind: values-evidenced\nlist: ladder\nfield: rung\ndate_field: date\nwindow_months: 12\nrequired: [1, 8]', 'missing-value: m, evidenced: e',
      'p/r.yaml:13:17: error: check.required, item 2 in rule "r" (check kind values-evidenced): required 8 can never match: "rung" in an item of ladder is a whole number from 1 to 7'],
    ['a follow-up field that is not true or false', 'kind: count-in-window\nlist: surveys\ndate_field: to\nwindow_months: 3\nfollow_up: {field: title, grace_days: 28}', `${COUNT}, follow-up: f`,
      'p/r.yaml:12:22: error: "check.follow_up.field" in rule "r" (check kind count-in-window): field needs true or false, but "title" in an item of surveys is text'],
  ])('%s', (_, check, messages, ...expected) => {
    expect(ofRule(check, messages)).toEqual(expected);
  });

  it('compares a required value as text, as the check does, and an includes_all name without case', () => {
    expect(ofRule('kind: values-evidenced\nlist: ladder\nfield: rung\ndate_field: date\nwindow_months: 12\nrequired: ["4"]', 'missing-value: m, evidenced: e')).toEqual([]);
    expect(ofRule('kind: conditions\nsection: volunteer_expenses.policy\nrequire: [{field: covers, includes_all: [" Travel"], message: x}]', `${CONDITIONS}, x: X`)).toEqual([]);
  });

  it('checks a required value against the items of a field that holds a list', () => {
    const topics = (required: string) => ofRule(`kind: values-evidenced\nlist: surveys\nfield: topics\ndate_field: to\nwindow_months: 12\nrequired: [${required}]`, 'missing-value: m, evidenced: e');
    expect(topics('running, proposed-changes')).toEqual([]);
    expect(topics('running, proposed-change')).toEqual([
      'p/r.yaml:13:23: error: check.required, item 2 in rule "r" (check kind values-evidenced): required "proposed-change" can never match: each item of "topics" in an item of surveys is one of treatment-experience, running, proposed-changes; did you mean "proposed-changes"?',
    ]);
  });

  it('points at the override that set a value through a $param, and names the parameter', () => {
    const pack = `${PACK}extends: core\noverrides:\n  surveys-conducted:\n    params:\n      kinds: [satisfaction, focus-groop]\n  expenses-reimbursed:\n    params:\n      must_cover: [travel, luncch]\n`;
    expect(problems({ 'p/pack.yaml': pack })).toEqual([
      'p/pack.yaml:8:29: error: check.where, item 1, one_of, item 2 in rule "surveys-conducted" (check kind count-in-window, from $kinds): one_of "focus-groop" can never match: "kind" in an item of surveys is one of satisfaction, consultation, family, focus-group, feedback-box, interview-panel, other; did you mean "focus-group"?',
      'p/pack.yaml:11:28: error: check.must_cover, item 2 in rule "expenses-reimbursed" (check kind claims-reimbursed, from $must_cover): must_cover "luncch" can never match: each item of "volunteer_expenses.policy.covers" is one of travel, lunch, childcare, phone, other; did you mean "lunch"?',
    ]);
  });
});

describe('an override of the wrong type', () => {
  it.each([
    ['a list where a number was', 'surveys-conducted', 'window_months: [6]', 'p/pack.yaml:8:22: error: "overrides.surveys-conducted.params.window_months" must be a number, as the rule\'s own parameter is; got a list of numbers'],
    ['text where true or false was', 'charter-displayed', 'require_logged: "yes"', 'p/pack.yaml:8:23: error: "overrides.charter-displayed.params.require_logged" must be true or false, as the rule\'s own parameter is; got text ("yes")'],
    ['text where a list was', 'surveys-conducted', 'kinds: satisfaction', 'p/pack.yaml:8:14: error: "overrides.surveys-conducted.params.kinds" must be a list of text, as the rule\'s own parameter is; got text ("satisfaction")'],
    ['a list of text where a list of numbers was', 'ladder-rungs-evidenced', 'required_rungs: ["1", "2"]', 'p/pack.yaml:8:23: error: "overrides.ladder-rungs-evidenced.params.required_rungs" must be a list of numbers, as the rule\'s own parameter is; got a list of text'],
    ['a mapping where a number was', 'expenses-reimbursed', 'pay_within_days: {days: 30}', 'p/pack.yaml:8:24: error: "overrides.expenses-reimbursed.params.pay_within_days" must be a number, as the rule\'s own parameter is; got a mapping'],
  ])('%s, in a pack', (_, ruleId, param, expected) => {
    expect(problems({ 'p/pack.yaml': `${PACK}extends: core\noverrides:\n  ${ruleId}:\n    params:\n      ${param}\n` })).toEqual([expected]);
  });

  it('in a config file too', () => {
    const files = { 'p/pack.yaml': `${PACK}extends: core\n`, 'involve.config.yaml': 'overrides:\n  surveys-conducted:\n    params:\n      min_respondents: "20"\n' };
    expect(problems(files, 'involve.config.yaml')).toEqual([
      'involve.config.yaml:4:24: error: "overrides.surveys-conducted.params.min_respondents" must be a number, as the rule\'s own parameter is; got text ("20")',
    ]);
  });

  it('takes an empty list, and a number of another sort', () => {
    const pack = `${PACK}extends: core\noverrides:\n  surveys-conducted:\n    params:\n      kinds: []\n      window_months: 6\n`;
    expect(problems({ 'p/pack.yaml': pack })).toEqual([]);
  });
});

describe('the field paths each check kind declares', () => {
  it('resolve in every shipped pack', () => {
    for (const name of shippedPackNames()) expect(() => compilePack(loadPack(name, repo))).not.toThrow();
  });

  // A guard against drift: a kind given a new path parameter and no declaration for it fails here once a shipped rule uses it.
  it('cover every path-like parameter the shipped rules write', () => {
    const PATH_LIKE = /^(section|list|label|field|.+_field|.+_in)$/;
    const leaves = (value: unknown, at: (string | number)[] = []): (string | number)[][] =>
      value && typeof value === 'object' ? Object.entries(value).flatMap(([k, v]) => leaves(v, [...at, Array.isArray(value) ? Number(k) : k])) : [at];
    const declared = (refs: readonly FieldRef[]): string[] => refs.flatMap((r) => [JSON.stringify(r.param), ...declared(r.inside ?? [])]);
    for (const name of shippedPackNames()) {
      for (const rule of compilePack(loadPack(name, repo)).rules) {
        const paths = declared(checkKinds[rule.kind].fields(rule.check));
        const written = leaves(rule.check).filter((at) => PATH_LIKE.test(String([...at].reverse().find((k) => typeof k === 'string'))));
        for (const at of written) expect(paths, `${name} ${rule.id} ${at.join('.')}`).toContain(JSON.stringify(at));
      }
    }
  });

  it('are declared by every kind, relative to what each reads', () => {
    const refs = checkKinds['count-in-window'].fields({ list: 'surveys', date_field: 'to', window_months: 3, where: [{ field: 'kind', when: true, status: 'fail', one_of: ['satisfaction'] }], at_least: 1 });
    expect(refs).toEqual([
      {
        param: ['list'],
        path: 'surveys',
        needs: 'list',
        inside: [
          { param: ['date_field'], path: 'to', needs: 'date' },
          { param: ['where', 0, 'field'], path: 'kind', needs: 'any', neededBy: ['where', 0, 'one_of'], values: [{ param: ['where', 0, 'one_of', 0], value: 'satisfaction' }] },
        ],
      },
    ]);
    expect(fieldPathProblems(refs)).toEqual([]);
    expect(checkKinds['attachments-present'].fields({})).toEqual([]);
  });

  it('resolve against a description of the format, so a format with more sections takes more paths', () => {
    const format = structuredClone(evidenceFormat());
    const refs = [{ param: ['section'], path: 'forum', needs: 'section' as const, inside: [{ param: ['require', 0, 'field'], path: 'meetings', needs: 'number' as const }] }];
    expect(fieldPathProblems(refs, format).map((p) => p.message)).toEqual([expect.stringMatching(/^no field "forum" in the evidence file \(its fields: /)]);
    format.properties!.forum = { type: 'object', properties: { meetings: { type: 'integer', minimum: 0 } } };
    expect(fieldPathProblems(refs, format)).toEqual([]);
    expect(describeField(format.properties!.forum.properties!.meetings!)).toBe('a whole number, 0 or more');
  });
});

describe('the fields a check asks a return for', () => {
  const asked = (pack: string, rule: string) => {
    const compiled = compilePack(loadPack(pack, repo)).rules.find((r) => r.id === rule)!;
    return askedFields(checkKinds[compiled.kind].fields(compiled.check));
  };

  it('are its paths from the file, [] past each list, leaving out a condition its parameters switch off', () => {
    const core = ['charter', 'charter.sites', 'charter.sites[].site', 'charter.sites[].rooms_used_by_service_users', 'charter.sites[].rooms_displaying_charter', 'charter.sites[].checked_on'];
    expect(asked('core', 'charter-displayed').map((f) => f.path)).toEqual(core);
    expect(asked('oxfordshire-daat-2009', 'charter-displayed').map((f) => f.path)).toEqual([...core.slice(0, 1), 'charter.logged_with_commissioner', 'charter.explained_at_care_planning', ...core.slice(1)]);
  });

  it("take in the evidence of the items counted only with it, and say what a name is until it is filled in", () => {
    expect(asked('oxfordshire-daat-2009', 'service-users-in-planning').map((f) => f.path)).toContain('service_user_involvement.activities[].evidence');
    expect(asked('core', 'surveys-conducted').map((f) => f.path)).not.toContain('surveys[].evidence');
    expect(asked('core', 'involvement-lead-named')).toEqual([
      { path: 'involvement_lead' },
      { path: 'involvement_lead.name', unfilled: 'TBC' },
      { path: 'involvement_lead.role' },
      { path: 'involvement_lead.contact' },
      { path: 'involvement_lead.since' },
    ]);
    // Where a phone number may stand is no field a return is asked for.
    expect(asked('core', 'no-personal-data')).toEqual([]);
  });
});

describe('the vocabulary of issue 13, checked at load', () => {
  const WHERE = (condition: string) => `kind: count-in-window\nlist: surveys\ndate_field: to\nwindow_months: 3\nwhere: [${condition}]`;
  it.each([
    ['contains_any on a count', WHERE('{field: respondents, contains_any: [many]}'), COUNT,
      'p/r.yaml:12:46: error: "contains_any" in check.where, item 1 in rule "r" (check kind count-in-window): contains_any needs free text, but "respondents" in an item of surveys is a whole number, 0 or more'],
    ['contains_any on a date', WHERE('{field: to, contains_any: [July]}'), COUNT,
      'p/r.yaml:12:37: error: "contains_any" in check.where, item 1 in rule "r" (check kind count-in-window): contains_any needs free text, but "to" in an item of surveys is a date'],
    ['contains_any on one of a list of values (equals or one_of says that)', WHERE('{field: kind, contains_any: [focus]}'), COUNT,
      'p/r.yaml:12:39: error: "contains_any" in check.where, item 1 in rule "r" (check kind count-in-window): contains_any needs free text, but "kind" in an item of surveys is one of satisfaction, consultation, family, focus-group, feedback-box, interview-panel, other'],
    ['contains_any with no words', WHERE('{field: title, contains_any: []}'), COUNT,
      'p/r.yaml:12:40: error: "contains_any" in check.where, item 1 in rule "r" (check kind count-in-window): give at least one word or phrase'],
    ['a message inside any_of', 'kind: conditions\nsection: care_planning\nrequire:\n  - any_of:\n      - {field: copies_offered, equals: true, message: x}\n    message: y', `${CONDITIONS}, y: Y`,
      'p/r.yaml:12:58: error: "message" in check.require, item 1, any_of, item 1 in rule "r" (check kind conditions): a condition inside any_of or none_of has no message of its own: the message of the any_of or none_of is what a failure says'],
    ['paths and operators inside nested any_of and none_of', 'kind: conditions\nsection: care_planning\nrequire:\n  - any_of:\n      - {field: copies_ofered, equals: true}\n      - none_of: [{field: copies_offered, at_least: 3}]\n    message: y', `${CONDITIONS}, y: Y`,
      'p/r.yaml:12:19: error: "field" in check.require, item 1, any_of, item 1 in rule "r" (check kind conditions): no field "copies_ofered" in care_planning; did you mean "copies_offered"?',
      'p/r.yaml:13:55: error: "at_least" in check.require, item 1, any_of, item 2, none_of, item 1 in rule "r" (check kind conditions): at_least needs a number, but "care_planning.copies_offered" is true or false'],
    ['a field beside any_of', 'kind: conditions\nsection: care_planning\nrequire:\n  - field: copies_offered\n    any_of: [{field: copies_offered, equals: true}]\n    message: y', `${CONDITIONS}, y: Y`,
      'p/r.yaml:11:14: error: "field" in check.require, item 1 in rule "r" (check kind conditions): any_of names its fields in its own conditions, not in field'],
    ['a condition inside any_of with no field', 'kind: conditions\nsection: care_planning\nrequire:\n  - any_of: [{equals: true}]\n    message: y', `${CONDITIONS}, y: Y`,
      'p/r.yaml:11:16: error: "field" in check.require, item 1, any_of, item 1 in rule "r" (check kind conditions): a condition needs the field it tests'],
    ['a required any_of with no message', 'kind: conditions\nsection: care_planning\nrequire:\n  - any_of: [{field: copies_offered, equals: true}]', CONDITIONS,
      'p/r.yaml:11:7: error: check.require, item 1 in rule "r" (check kind conditions): a required condition needs a message'],
    ['a top-level list, with did you mean', 'kind: conditions\nitems: {list: ladderr}', 'pass: p, none-applicable: n, item-pass: i',
      'p/r.yaml:9:17: error: "check.items.list" in rule "r" (check kind conditions): no field "ladderr" in the evidence file; did you mean "ladder"?'],
    ['a top-level list that is a section', 'kind: conditions\nitems: {list: involvement_lead}', 'pass: p, none-applicable: n, item-pass: i',
      'p/r.yaml:9:17: error: "check.items.list" in rule "r" (check kind conditions): list needs a list, but "involvement_lead" is a section of fields'],
    ['a missing message where no section can be missing', 'kind: conditions\nitems: {list: ladder}', ITEMS,
      'p/r.yaml:10:12: error: rule "r" has a message "missing" that check kind conditions never uses here'],
  ])('%s', (_, check, messages, ...expected) => {
    expect(ofRule(check, messages)).toEqual(expected);
  });

  it('accepts each of them where it fits', () => {
    expect(ofRule('kind: conditions\nitems:\n  list: ladder\n  applies_when: [{none_of: [{field: rung, at_least: 6}]}]\n  require: [{any_of: [{field: activity, contains_any: [forum, peer-led]}, {field: evidence, present: true}], message: x}]', 'pass: p, none-applicable: n, item-pass: i, x: X')).toEqual([]);
  });
});

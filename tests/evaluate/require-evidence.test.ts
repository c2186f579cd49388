// Evidence, not assertion (rules-and-reports.md): with require_evidence, an item counts only when it lists, under its
// own evidence:, a file whose path stays inside the evidence repository. Over fixtures/evidence-required/.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import { evaluateFile } from '../../src/evaluate/evaluate-file.ts';
import type { AttachmentProblem, AttachmentState } from '../../src/load/attachments.ts';
import { compilePack } from '../../src/packs/compile-pack.ts';
import { loadPack } from '../../src/packs/load-pack.ts';
import type { Evidence } from '../../src/validate/evidence-schema.ts';
import { auditReport, repo } from '../cli/run-cli.ts';
import { packFolder, problems } from '../packs/pack-folder.ts';

const fixture = join(repo, 'fixtures', 'evidence-required');
const pack = compilePack(loadPack(join(fixture, 'pack'), repo));

describe('an audit of returns whose items list evidence, or do not', async () => {
  const report = await auditReport(join(fixture, '2026-Q3'));
  const statuses = (provider: string) => Object.fromEntries(report.files.find((f) => f.provider === provider)!.results.map((r) => [r.rule, r.status]));
  const messages = (provider: string, rule: string) => report.files.find((f) => f.provider === provider)!.results.find((r) => r.rule === rule)!.findings.map((f) => f.message);
  const allPass = { 'family-activities-evidenced': 'pass', 'levels-evidenced': 'pass', 'surveys-evidenced': 'pass' };
  const allFail = { 'family-activities-evidenced': 'fail', 'levels-evidenced': 'fail', 'surveys-evidenced': 'fail' };

  it('counts items whose evidence is a file in the repository, though no rule of the pack is attachments-present', () => {
    expect(statuses('evidenced')).toEqual(allPass);
  });

  it('counts items whose evidence is listed inside the repository but missing: that is attachments-present’s finding', () => {
    expect(statuses('not-yet-scanned')).toEqual(allPass);
  });

  it.each(['declared-only', 'outside'])('does not count the items of %s, and names each item that lacks evidence', (provider) => {
    expect(statuses(provider)).toEqual(allFail);
    expect(messages(provider, 'surveys-evidenced')).toEqual([
      '0 satisfaction survey(s) closed between 2026-07-01 and 2026-09-30; 1 needed',
      '"Quarterly satisfaction survey" (2026-08-31) lists no evidence inside the evidence repository, so it does not count',
    ]);
    expect(messages(provider, 'levels-evidenced')).toEqual([
      '"Care plans reviewed with each service user" (2026-08-04) at the individual level lists no evidence inside the evidence repository, so it does not count',
      '"Service user forum" (2026-08-12) at the service level lists no evidence inside the evidence repository, so it does not count',
    ]);
    expect(messages(provider, 'family-activities-evidenced')).toEqual([
      "0 families' activities with evidence; 1 needed",
      '"Carers\' evening" (2026-08-14) lists no evidence inside the evidence repository, so it does not count',
    ]);
  });
});

// The evaluation itself is pure: the load stage says what each attachment is; here it is said by hand.
const header = { format: 'involvement-evidence/1', provider: { id: 'p', name: 'P' }, period: '2026-Q3', submitted: { on: '2026-10-07', by: 'Sam' } } as const;
const survey = (title: string) => ({ title, kind: 'satisfaction' as const, from: '2026-08-01', to: '2026-08-31', respondents: 20 });
const at = (path: (string | number)[], problem?: AttachmentProblem): AttachmentState => ({ path, ref: 'x.pdf', ...(problem ? { problem } : {}) });
const judge = (evidence: Omit<Evidence, keyof typeof header>, attachments: AttachmentState[], rules = pack.rules) =>
  Object.fromEntries(evaluateFile({ ...header, ...evidence } as Evidence, rules, attachments).map((o) => [o.rule.id, o]));

describe('which attachments make an item count', () => {
  it.each<[AttachmentProblem | undefined, string]>([
    [undefined, 'pass'],
    ['missing', 'pass'],
    ['not-a-file', 'pass'],
    ['hash-mismatch', 'pass'],
    ['unreadable', 'pass'],
    ['escapes', 'fail'],
    ['outside', 'fail'],
    ['absolute', 'fail'],
  ])('an attachment %s → %s', (problem, status) => {
    expect(judge({ surveys: [survey('Q3 survey')] }, [at(['surveys', 0, 'evidence', 0], problem)])['surveys-evidenced']!.status).toBe(status);
  });

  it('counts an item with one attachment inside the repository among others outside it', () => {
    const states = [at(['surveys', 0, 'evidence', 0], 'escapes'), at(['surveys', 0, 'evidence', 1], 'missing')];
    expect(judge({ surveys: [survey('Q3 survey')] }, states)['surveys-evidenced']!.status).toBe('pass');
  });

  it('takes only the item’s own evidence, not another item’s or a section’s', () => {
    const others = [at(['surveys', 1, 'evidence', 0]), at(['family_involvement', 'activities', 0, 'evidence', 0])];
    const outcome = judge({ surveys: [survey('Q3 survey'), { ...survey('Old survey'), to: '2026-05-31' }] }, others)['surveys-evidenced']!;
    expect(outcome.status).toBe('fail');
    expect(outcome.findings.map((f) => f.message)).toContain('"Q3 survey" (2026-08-31) lists no evidence inside the evidence repository, so it does not count');
  });

  it('does not mention an item without evidence when the rule is met without it', () => {
    const outcome = judge({ surveys: [survey('Q3 survey'), survey('Focus survey')] }, [at(['surveys', 1, 'evidence', 0])])['surveys-evidenced']!;
    expect(outcome.status).toBe('pass');
    expect(outcome.findings).toEqual([]);
    expect(outcome.satisfied.map((f) => f.message)).toEqual(['"Focus survey" closed 2026-08-31']);
  });

  it('says so, as information, when an aspirational value’s only activity lists no evidence', () => {
    const levels = [
      { level: 'individual' as const, activity: 'Care plans', date: '2026-08-04' },
      { level: 'service' as const, activity: 'Forum', date: '2026-08-12' },
      { level: 'strategic' as const, activity: 'Board', date: '2026-09-17' },
    ];
    const outcome = judge({ involvement_levels: levels }, [at(['involvement_levels', 0, 'evidence', 0]), at(['involvement_levels', 1, 'evidence', 0])])['levels-evidenced']!;
    expect(outcome.status).toBe('info'); // as for any aspiration unmet: information, which never changes the file's status
    expect(outcome.findings).toEqual([
      {
        status: 'info',
        id: 'no-evidence',
        message: '"Board" (2026-09-17) at the strategic level lists no evidence inside the evidence repository, so it does not count',
        data: expect.objectContaining({ value: 'strategic', activity: 'Board', date: '2026-09-17' }),
        path: ['involvement_levels', 2],
      },
    ]);
  });

  it('counts every declared item when a commissioner turns require_evidence off', () => {
    const dir = packFolder({ 'involve.config.yaml': 'overrides:\n  surveys-evidenced:\n    params:\n      require_evidence: false\n' });
    const relaxed = compilePack(loadPack(join(fixture, 'pack'), dir), loadConfig(join(dir, 'involve.config.yaml'), dir));
    expect(judge({ surveys: [survey('Q3 survey')] }, [], relaxed.rules)['surveys-evidenced']!.status).toBe('pass');
  });
});

describe('require_evidence in a rule', () => {
  const rule = (extra: string, messages: string) => `id: r
title: R
description: D
severity: required
citation: {document: D, section: S, quote: Q}
hint: H
params: {require_evidence: false}
check:
  kind: count-in-window
  list: surveys
  date_field: to
  window_months: 3
${extra}messages:
  missing: none
  too-few: few
  counted: counted
${messages}`;

  it('needs a no-evidence message once the check names require_evidence, even while it is off', () => {
    expect(problems('./p', packFolder({ 'p/pack.yaml': 'id: p\ntitle: P\nversion: "1"\n', 'p/r.yaml': rule('  require_evidence: $require_evidence\n', '') }))).toEqual([
      expect.objectContaining({ code: 'invalid-value', message: 'rule "r" needs a message "no-evidence" for check kind count-in-window' }),
    ]);
  });

  it('refuses a no-evidence message in a check that never requires evidence', () => {
    expect(problems('./p', packFolder({ 'p/pack.yaml': 'id: p\ntitle: P\nversion: "1"\n', 'p/r.yaml': rule('', '  no-evidence: none\n') }))).toEqual([
      expect.objectContaining({ code: 'unknown-key', message: 'rule "r" has a message "no-evidence" that check kind count-in-window never uses here' }),
    ]);
  });

  it('takes true or false, nothing else', () => {
    const found = problems('./p', packFolder({ 'p/pack.yaml': 'id: p\ntitle: P\nversion: "1"\n', 'p/r.yaml': rule('  require_evidence: yes\n', '  no-evidence: none\n') }));
    expect(found).toEqual([expect.objectContaining({ code: 'invalid-value', line: 13, message: expect.stringMatching(/^"check.require_evidence" in rule "r" \(check kind count-in-window\): /) })]);
  });
});

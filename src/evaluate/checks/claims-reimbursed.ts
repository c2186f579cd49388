// Check kind `claims-reimbursed`: an expenses policy covers what it must, and volunteers' claims are paid in full and on time.
import * as z from 'zod';
import { showDay, toDay } from '../calendar.ts';
import { pathOf, valueAt } from '../select.ts';
import { emptyOutcome, use, type CheckKind, type FieldNeed, type MessageTable } from './types.ts';

// Built when a pack is compiled (condition.ts says why).
const params = z.lazy(() =>
  z.strictObject({
    section: z.string().min(1),
    must_cover: z.array(z.string()),
    pay_within_days: z.int().nonnegative(),
  }),
);

interface Claim {
  date?: string;
  categories?: string[];
  claimed?: number;
  reimbursed?: number;
  paid_on?: string;
}

// Money is compared in whole pence, so 14.5 and 14.50 and 0.1 + 0.2 behave.
const pence = (pounds: number | undefined) => Math.round((pounds ?? 0) * 100);
const money = (pounds: number | undefined) => `£${(pence(pounds) / 100).toFixed(2)}`;

// A judged claim's messages also name the claim's own fields ({{volunteer}}, {{date}}, {{paid_on}}).
const claimData = ['claimed', 'reimbursed', 'pay_within_days', 'deadline', 'days'] as const;
const messageData = {
  'no-policy': ['section'],
  'not-covered': ['missing', 'covers', 'must_cover'],
  policy: ['covers'],
  paid: claimData,
  'paid-late': claimData,
  pending: claimData,
  overdue: claimData,
  undated: ['claimed'],
  'no-claims': ['period'],
} as const satisfies MessageTable;

export const claimsReimbursed: CheckKind<z.infer<typeof params>, typeof messageData> = {
  kind: 'claims-reimbursed',
  params,
  messages: (p) => {
    const claim = [...pathOf(p.section), 'claims', 0];
    return (['no-policy', 'not-covered', 'policy', 'no-claims'] as const)
      .map((id) => use(messageData, id))
      .concat((['paid', 'paid-late', 'pending', 'overdue', 'undated'] as const).map((id) => use(messageData, id, claim)));
  },
  // The kind reads the section's policy.covers, where each of must_cover must be a category, and each claim's fields.
  fields: (p) => {
    const reads = (path: string, needs: FieldNeed) => ({ param: ['section'], path, needs });
    const covers = { ...reads('policy.covers', 'names'), values: p.must_cover.map((value, i) => ({ param: ['must_cover', i], value })) };
    const claim = [reads('date', 'date'), reads('categories', 'names'), reads('claimed', 'number'), reads('reimbursed', 'number'), reads('paid_on', 'date')];
    return [{ ...reads(p.section, 'section'), inside: [covers, { ...reads('claims', 'list'), inside: claim }] }];
  },
  evaluate(evidence, p, { period, submittedOn, say }) {
    const outcome = emptyOutcome();
    const path = pathOf(p.section);
    const section = valueAt(evidence, path) as { policy?: { covers?: string[] }; claims?: Claim[] } | undefined;
    if (!section?.policy) {
      outcome.findings.push({ status: 'fail', ...say('no-policy', { section: p.section }), path });
      return outcome;
    }
    const covers = section.policy.covers ?? [];
    const missing = p.must_cover.filter((c) => !covers.includes(c));
    if (missing.length > 0) {
      const data = { missing: missing.join(', '), covers: covers.join(', ') || 'nothing', must_cover: p.must_cover.join(', ') };
      outcome.findings.push({ status: 'fail', ...say('not-covered', data), path: [...path, 'policy'] });
    } else {
      outcome.satisfied.push({ status: 'pass', ...say('policy', { covers: covers.join(', ') }), path: [...path, 'policy'] });
    }

    let judged = 0;
    (section.claims ?? []).forEach((claim, index) => {
      if (!claim.date) {
        outcome.findings.push({ status: 'fail', ...say('undated', { claimed: money(claim.claimed) }, claim), path: [...path, 'claims', index] });
        return;
      }
      // A claim for a category the policy does not cover is not this rule's concern.
      if ((claim.categories ?? []).some((c) => !covers.includes(c))) return;
      const day = toDay(claim.date);
      const paidDay = claim.paid_on ? toDay(claim.paid_on) : undefined;
      const paidInFull = paidDay !== undefined && pence(claim.reimbursed) >= pence(claim.claimed);
      const inPeriod = day >= period.first && day <= period.last;
      const earlierStillOpen = day < period.first && (!paidInFull || (paidDay! >= period.first && paidDay! <= period.last));
      if (!inPeriod && !earlierStillOpen) return;
      judged++;
      const claimPath = [...path, 'claims', index];
      const data = {
        claimed: money(claim.claimed),
        reimbursed: money(claim.reimbursed),
        pay_within_days: p.pay_within_days,
        deadline: showDay(day + p.pay_within_days),
      };
      if (paidInFull) {
        const days = paidDay! - day;
        if (days <= p.pay_within_days) outcome.satisfied.push({ status: 'pass', ...say('paid', { ...data, days }, claim), path: claimPath });
        else outcome.findings.push({ status: 'fail', ...say('paid-late', { ...data, days }, claim), path: claimPath });
      } else {
        const waited = submittedOn - day;
        const status = waited <= p.pay_within_days ? 'warn' : 'fail';
        outcome.findings.push({ status, ...say(status === 'warn' ? 'pending' : 'overdue', { ...data, days: waited }, claim), path: claimPath });
      }
    });
    if (judged === 0 && missing.length === 0) {
      outcome.satisfied.push({ status: 'pass', ...say('no-claims', { period: period.label }), path });
    }
    return outcome;
  },
};

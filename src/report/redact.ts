// Report stage: removes personal data found in a file from everything its report says, whatever rule or error
// quoted it (a survey title holding an NHS number would otherwise reach the meeting papers).
import type { PersonalDataHit } from '../evaluate/personal-data.ts';
import type { FileReport } from './model.ts';

export const REDACTED = '[personal data removed]';

function scrub<T>(value: T, texts: readonly string[]): T {
  if (typeof value === 'string') return texts.reduce((s, t) => s.split(t).join(REDACTED), value as string) as T;
  if (Array.isArray(value)) return value.map((v) => scrub(v, texts)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, texts)])) as T;
  }
  return value;
}

export function redactPersonalData(report: FileReport, hits: readonly PersonalDataHit[]): FileReport {
  if (hits.length === 0) return report;
  // Longest first, so a number is not half-replaced by a shorter match inside it.
  const texts = [...new Set(hits.map((h) => h.text))].sort((a, b) => b.length - a.length);
  return scrub(report, texts);
}

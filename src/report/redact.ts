// Report stage: removes personal data found in a file from everything its report says, whatever rule or error
// quoted it (a survey title holding an NHS number would otherwise reach the meeting papers).
import type { PersonalDataHit } from '../evaluate/personal-data.ts';
import type { FileReport } from './model.ts';

export const REDACTED = '[personal data removed]';

type Replace = (text: string) => string;

function scrub<T>(value: T, replace: Replace): T {
  if (typeof value === 'string') return replace(value) as T;
  if (Array.isArray(value)) return value.map((v) => scrub(v, replace)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, replace)])) as T;
  }
  return value;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// A name is removed where it stands as words: "Sam" in a volunteer's place must not take "Sample" apart. A number
// is removed wherever it appears, as its patterns found it (glued to a letter, too).
function replacer({ kind, text }: Pick<PersonalDataHit, 'kind' | 'text'>): Replace {
  if (kind !== 'a name') return (s) => s.split(text).join(REDACTED);
  const words = new RegExp(`(?<![\\p{L}\\p{N}])${escape(text)}(?![\\p{L}\\p{N}])`, 'gu');
  return (s) => (s.includes(text) ? s.replace(words, REDACTED) : s);
}

export function redactPersonalData(report: FileReport, hits: readonly PersonalDataHit[]): FileReport {
  if (hits.length === 0) return report;
  // Longest first, so a number is not half-replaced by a shorter match inside it.
  const unique = [...new Map(hits.map((h) => [`${h.kind}\u0000${h.text}`, h])).values()].sort((a, b) => b.text.length - a.text.length);
  const replacers = unique.map(replacer);
  return scrub(report, (s) => replacers.reduce((out, replace) => replace(out), s));
}

// Evaluate stage: finds personal data in the free text of an evidence file (evidence-format.md, "Privacy"):
// NHS numbers that pass their check digit, UK phone numbers, dates of birth, postcodes next to a name, and a name
// where the format asks for a reference. A hit carries the text found only so that every report can remove it;
// no report ever prints it.
import type { KeyPath } from '../load/positions.ts';

export type PersonalDataKind = 'an NHS number' | 'a phone number' | 'a date of birth' | 'a postcode next to a name' | 'a name';

export interface PersonalDataHit {
  path: (string | number)[];
  kind: PersonalDataKind;
  text: string;
}

/** Staff contact details belong in a return (the lead, the complaints lead); these fields may hold a phone number. */
export const STAFF_CONTACT_FIELDS = ['involvement_lead.contact', 'complaints.lead.contact'];

/** The fields the evidence format documents as pseudonymous references ("V-014"), never a person's name. */
export const REFERENCE_FIELDS = ['volunteer_expenses.claims.volunteer'];

export interface ScanScope {
  /** Dotted paths without list indexes (surveys.title is every survey's title) where a phone number belongs. */
  phoneAllowedIn?: readonly string[];
  /** Dotted paths, as phoneAllowedIn, that must hold a reference: anything else there is taken for a name. */
  references?: readonly string[];
}

/** A reference as the format describes one: letters, digits and hyphens, with at least one digit (V-014, 2026-07). */
export const isReference = (text: string) => /^[A-Za-z0-9-]+$/.test(text) && /\d/.test(text);

// Ten digits, alone or spaced 3-3-4 as the NHS prints them.
const NHS_CANDIDATE = /(?<![\d-])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\d-])/g;
// 0 or +44, then 9 or 10 more digits, with the spaces, hyphens and brackets people write.
const PHONE = /(?<![\w+])(?:\+44\s?\(?0?\)?|0)(?:[\s-]?\(?\d\)?){9,10}(?!\d)/g;
const DATE_OF_BIRTH = /\b(?:D\.?O\.?B\b\.?|date of birth\b|born\s+(?:on\s+)?(?:\d{1,2}(?:st|nd|rd|th)?[\s/.-]+(?:\d{1,2}|[A-Z][a-z]+)[\s/.-]+\d{2,4}|\d{4}-\d{2}-\d{2}|in\s+\d{4}))/gi;
const POSTCODE = /\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/g;
// A title and a surname, or two capitalised words that are not the words service and place names are made of.
const NAME = /\b(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+[A-Z][a-z'-]+|[A-Z][a-z'-]+\s+[A-Z][a-z'-]+)\b/g;
const NOT_NAME_WORDS = new Set(
  'Road Street Lane Avenue Close Way Drive Place Square Hill House Centre Center Hub Clinic Hospital Service Services Team Recovery Community Health Trust Council Court Park Station Church Hall Office Unit Building Oxford Oxfordshire Nottingham Nottinghamshire Banbury Bicester Abingdon Didcot Witney Mansfield Trent City County North South East West Upper Lower New Old Great Little The And Drop Cafe Café Reception Floor Room Suite Block'.split(' '),
);

function nhsCheckDigitValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  return check !== 10 && (check === 11 ? 0 : check) === Number(digits[9]);
}

function looksLikeName(text: string): boolean {
  for (const match of text.matchAll(NAME)) {
    const words = match[0].split(/\s+/);
    if (/^(Mr|Mrs|Ms|Miss|Mx|Dr)\.?$/.test(words[0]!) || !words.some((w) => NOT_NAME_WORDS.has(w))) return true;
  }
  return false;
}

function digitsIn(text: string): number {
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
  }
  return digits;
}

export function personalDataIn(text: string, phoneAllowed: boolean): { kind: PersonalDataKind; text: string }[] {
  // Most strings are short words, dates and ids: what none of the patterns can match is ruled out without them
  // (NHS and phone numbers have at least ten digits, a postcode two, and every date-of-birth phrase a "b").
  const digits = digitsIn(text);
  if (digits < 2 && !/b/i.test(text)) return [];
  const hits: { kind: PersonalDataKind; text: string }[] = [];
  if (digits < 10) {
    for (const m of text.matchAll(DATE_OF_BIRTH)) hits.push({ kind: 'a date of birth', text: m[0] });
    if (digits >= 2) postcodesNextToNames(text, hits);
    return hits;
  }
  for (const m of text.matchAll(NHS_CANDIDATE)) {
    if (nhsCheckDigitValid(m[1]! + m[2]! + m[3]!)) hits.push({ kind: 'an NHS number', text: m[0] });
  }
  if (!phoneAllowed) {
    for (const m of text.matchAll(PHONE)) {
      if (!hits.some((h) => h.text.includes(m[0].trim()) || m[0].includes(h.text))) hits.push({ kind: 'a phone number', text: m[0].trim() });
    }
  }
  for (const m of text.matchAll(DATE_OF_BIRTH)) hits.push({ kind: 'a date of birth', text: m[0] });
  postcodesNextToNames(text, hits);
  return hits;
}

function postcodesNextToNames(text: string, hits: { kind: PersonalDataKind; text: string }[]): void {
  for (const m of text.matchAll(POSTCODE)) {
    const around = text.slice(Math.max(0, m.index - 40), m.index + m[0].length + 40);
    if (looksLikeName(around.replace(m[0], ' '))) hits.push({ kind: 'a postcode next to a name', text: m[0] });
  }
}

const dotted = (path: KeyPath) => path.filter((p) => typeof p === 'string').join('.');

// A file's strings are scanned twice (for the report's redaction, then by the no-personal-data rule) and keys
// recur in every file: the answer is kept for the last strings seen. Few, so that the strings (slices of their
// file's text) do not keep many files alive.
const seen = [new Map<string, readonly { kind: PersonalDataKind; text: string }[]>(), new Map<string, readonly { kind: PersonalDataKind; text: string }[]>()];
const NONE: readonly { kind: PersonalDataKind; text: string }[] = [];

function hitsIn(text: string, phoneAllowed: boolean, digits: number): readonly { kind: PersonalDataKind; text: string }[] {
  // The test personalDataIn starts with, before the cache: most strings end here.
  if (digits < 2 && !/b/i.test(text)) return NONE;
  const cache = seen[phoneAllowed ? 1 : 0]!;
  let hits = cache.get(text);
  if (!hits) {
    if (cache.size >= 1024) cache.clear();
    cache.set(text, (hits = personalDataIn(text, phoneAllowed)));
  }
  return hits;
}

interface Scan {
  phoneAllowedIn: readonly string[];
  references: readonly string[];
  /** The last name of each reference path: most strings are ruled out by their key alone. */
  referenceKeys: ReadonlySet<string>;
  found: PersonalDataHit[];
}

/** Every hit in every string of `value` (typed evidence, or the raw data of a file that did not validate). */
export function findPersonalData(value: unknown, { phoneAllowedIn = STAFF_CONTACT_FIELDS, references = REFERENCE_FIELDS }: ScanScope = {}): PersonalDataHit[] {
  const scan: Scan = { phoneAllowedIn, references, referenceKeys: new Set(references.map((r) => r.split('.').at(-1)!)), found: [] };
  collect(value, [], scan);
  return scan.found;
}

function collect(value: unknown, path: (string | number)[], scan: Scan): void {
  if (typeof value === 'string') {
    const key = path.at(-1);
    // Text, trimmed as a reader sees it, where a reference belongs: the whole value is what any report would quote.
    const text = value.trim();
    if (typeof key === 'string' && scan.referenceKeys.has(key) && text && !isReference(text) && scan.references.includes(dotted(path))) {
      scan.found.push({ kind: 'a name', text, path });
    }
    // Where a phone number is allowed matters only to text long enough to hold one.
    const digits = digitsIn(value);
    const phoneAllowed = digits >= 10 && scan.phoneAllowedIn.includes(dotted(path));
    for (const hit of hitsIn(value, phoneAllowed, digits)) scan.found.push({ ...hit, path });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => collect(item, [...path, i], scan));
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      // A key is text a provider wrote too.
      for (const hit of hitsIn(key, false, digitsIn(key))) scan.found.push({ ...hit, path });
      collect(item, [...path, key], scan);
    }
  }
}

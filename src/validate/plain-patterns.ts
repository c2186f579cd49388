// Validate stage: text that must match a pattern, with the words for it that people see: in our own messages and,
// through the JSON Schema's patternErrorMessage (which yaml-language-server shows), in their editor, instead of
// the regular expression.
import * as z from 'zod';

/** A string matching `pattern`; `words` say what it must be ("a calendar quarter such as 2026-Q3"). */
export const matching = (pattern: RegExp, words: string) => z.string().regex(pattern, words).meta({ patternErrorMessage: `Must be ${words}.` });

/** YYYY-MM-DD, a day that exists. */
export const calendarDate = () => z.iso.date().meta({ patternErrorMessage: 'Must be a real calendar date written YYYY-MM-DD, such as 2026-10-07.' });

/** A lowercase id of a-z, 0-9 and single hyphens; `example` is one. */
export const slug = (example: string) => matching(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, `a lowercase id of a-z, 0-9 and single hyphens, such as ${example}`);

/** YYYY-Qn, a calendar quarter; `example` is one. */
export const quarter = (example: string) => matching(/^\d{4}-Q[1-4]$/, `a calendar quarter such as ${example}`);

// Validate stage: a zod issue → one plain-words Diagnostic at the offending node's line and column.
import type { z } from 'zod';
import type { Diagnostic } from '../diagnostic.ts';
import type { PositionIndex } from '../load/positions.ts';
import { didYouMean } from './did-you-mean.ts';
import { quoteShort, showPath, showSubject } from './item-path.ts';
import { closedKeysAt, formatAt, knownKeysAt, unionKindsAt } from './schema-walk.ts';

export function showValue(value: unknown): string {
  if (typeof value === 'string') return quoteShort(value);
  if (value === null) return 'null (empty)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

const KIND: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping of fields',
  array: 'a list',
};

function kindOf(value: unknown): string {
  if (typeof value === 'string') return 'text';
  if (typeof value === 'number') return Number.isInteger(value) ? 'a whole number' : Number.isFinite(value) ? 'a number' : 'not a finite number';
  if (typeof value === 'boolean') return 'true/false';
  return showValue(value);
}

/**
 * `root`: the data validated, whose list items are named in the messages by their title, site or activity.
 * `refused`: an unknown key stops the file (a pack, a config, a test's expectations), so it is not "ignored" and
 * the message names the keys allowed there.
 */
export function issueToDiagnostics(issue: z.core.$ZodIssue, schema: z.ZodType, positions: PositionIndex, file: string, root?: unknown, refused = false): Diagnostic[] {
  const path = issue.path as (string | number)[];
  const name = showSubject(path, root);
  const input = (issue as { input?: unknown }).input;
  const got = input === undefined ? '' : `, got ${showValue(input)}${typeof input === 'string' && issue.code === 'invalid_type' ? ' (text)' : ''}`;
  const located = (message: string, at = positions.locate(path, 'value')): Diagnostic => ({
    code: 'invalid-value', severity: 'error', message, file, ...at, path,
  });

  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => {
        const suggestion = didYouMean(key, knownKeysAt(schema, path));
        const where = path.length ? ` in ${showPath(path, root)}` : '';
        // Keys from a closed list are values to choose from, not fields of a mapping.
        const closed = closedKeysAt(schema, path);
        const near = suggestion ? `; did you mean "${suggestion}"?` : '';
        const allowed = () => knownKeysAt(schema, path).join(', ') || 'none';
        const message = closed.length
          ? `unknown key ${showValue(key)}${where}: use one of ${closed.join(', ')}${near}`
          : refused
            ? `unknown field ${showValue(key)}${where}${suggestion ? `${near} (allowed: ${allowed()})` : `; allowed: ${allowed()}`}`
            : `unknown field ${showValue(key)}${where}${near || '; it is ignored'}`;
        return {
          code: 'unknown-key',
          severity: 'warning',
          message,
          file,
          ...positions.locate([...path, key], 'key'),
          path: [...path, key],
        } satisfies Diagnostic;
      });
    case 'invalid_type': {
      const format = formatAt(schema, path);
      const expected =
        format === 'date' ? 'a calendar date written YYYY-MM-DD' : format === 'safeint' || issue.expected === 'int' ? 'a whole number' : KIND[issue.expected] ?? issue.expected;
      if (input === undefined) return [{ ...located(`${name} is missing; expected ${expected}`), code: 'missing-field' }];
      // "got null (empty)" and "got a list" already say what kind of thing it is.
      const [shown, kind] = [showValue(input), kindOf(input)];
      return [located(`${name} must be ${expected}, got ${shown}${kind === shown ? '' : ` (${kind})`}`)];
    }
    case 'too_small':
      if (issue.origin === 'string') return [located(`${name} must not be empty`)];
      return [located(`${name} must be at least ${String(issue.minimum)}${got}`)];
    case 'too_big':
      return [located(`${name} must be at most ${String(issue.maximum)}${got}`)];
    case 'invalid_format':
      if (issue.format === 'date') return [located(`${name} must be a real calendar date written YYYY-MM-DD${got}`)];
      return [located(`${name} must be ${issue.message}${got}`)];
    case 'invalid_value': {
      const values = issue.values.map(String);
      const suggestion = typeof input === 'string' ? didYouMean(input, values) : undefined;
      const expected = values.length === 1 ? `exactly "${values[0]}"` : `one of ${values.join(', ')}`;
      return [located(`${name} must be ${expected}${got}${suggestion ? `; did you mean "${suggestion}"?` : ''}`)];
    }
    case 'invalid_union': {
      // The one branch of the kind the value is (text for a status, a mapping for a status with notes) says what is
      // wrong with it; when the value is of no branch's kind, every branch is named.
      const fitting = issue.errors.filter((branch) => !branch.some((i) => i.code === 'invalid_type' && i.path.length === 0));
      if (fitting.length === 1) {
        return fitting[0]!.flatMap((inner) => issueToDiagnostics({ ...inner, path: [...path, ...inner.path] } as z.core.$ZodIssue, schema, positions, file, root, refused));
      }
      return [located(`${name} must be ${unionKindsAt(schema, path).join(', or ')}${got}`)];
    }
    default:
      return [located(`${name}: ${issue.message}${got}`)];
  }
}

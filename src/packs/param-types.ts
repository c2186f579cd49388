// Packs stage: an override's parameter must be the kind of value the rule's own is (a list where a list was, true or
// false where a switch was), so that `window_months: [6]` is a located error and not a check that never holds.
const kindOf = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'list' : typeof value);
const ONE: Record<string, string> = { string: 'text', number: 'a number', boolean: 'true or false', list: 'a list', object: 'a mapping', null: 'empty' };
const MANY: Record<string, string> = { string: 'a list of text', number: 'a list of numbers', boolean: 'a list of true or false' };

/** The one kind of scalar a list holds, when it holds one kind only. */
function itemKind(list: unknown[]): string | undefined {
  const kinds = new Set(list.map(kindOf));
  const [only] = kinds;
  return kinds.size === 1 && only !== undefined && Object.hasOwn(MANY, only) ? only : undefined;
}

function described(value: unknown): string {
  const kind = kindOf(value);
  if (kind !== 'list') return kind === 'object' || kind === 'null' ? ONE[kind]! : `${ONE[kind]} (${JSON.stringify(value)})`;
  const items = itemKind(value as unknown[]);
  return items ? MANY[items]! : (value as unknown[]).length ? 'a list of mixed values' : 'an empty list';
}

/** What is wrong with overriding a parameter whose rule value is `original` with `value`; undefined when it fits. */
export function overrideMismatch(original: unknown, value: unknown): string | undefined {
  const kind = kindOf(original);
  // A rule that leaves a parameter empty says nothing of what it takes.
  if (kind === 'null') return undefined;
  const items = kind === 'list' ? itemKind(original as unknown[]) : undefined;
  if (kindOf(value) === kind && (!items || (value as unknown[]).every((v) => kindOf(v) === items))) return undefined;
  return `must be ${items ? MANY[items] : ONE[kind]}, as the rule's own parameter is; got ${described(value)}`;
}

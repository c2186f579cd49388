// Validate stage: a key path said for people: list items counted from 1 and named by their title, site or activity,
// as in `"to" in surveys, item 1 ("Quarterly satisfaction survey")`. Machines get the path itself (Diagnostic.path).

/** The fields that name an item of a list, in the order tried; a volunteer reference comes last, being the least telling. */
const LABELS = ['title', 'name', 'site', 'activity', 'route', 'id', 'rule', 'volunteer'];

// JSON.stringify escapes C0 controls only; a provider's DEL, C1 controls (NEL, 8-bit CSI), line and paragraph
// separators and bidirectional overrides are shown as escapes too, so a quoted value stays visible on one line.
const UNSEEN = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Text from the file, quoted as a JSON string: every control character and line break written as an escape. */
export function quote(text: string): string {
  return JSON.stringify(text).replace(UNSEEN, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Text from the file, cut to 40 characters and quoted. */
export const quoteShort = (text: string): string => quote(text.length > 40 ? `${text.slice(0, 40)}…` : text);

function labelOf(item: unknown): string | undefined {
  if (!item || typeof item !== 'object' || Array.isArray(item)) return undefined;
  for (const field of LABELS) {
    const value = (item as Record<string, unknown>)[field];
    if (typeof value === 'string' && value.trim() !== '') return quoteShort(value.trim());
  }
  return undefined;
}

/**
 * Where the value at `path` is: `submitted.on`, `surveys, item 1 ("Quarterly satisfaction survey"), evidence, item 2`.
 * `root` is the data the path is in, for the items' names; without it items are only counted.
 */
export function showPath(path: readonly PropertyKey[], root?: unknown): string {
  let shown = '';
  let node = root;
  let afterItem = false;
  for (const segment of path) {
    node = node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[segment] : undefined;
    if (typeof segment === 'number') {
      const label = labelOf(node);
      shown += `, item ${segment + 1}${label ? ` (${label})` : ''}`;
      afterItem = true;
    } else {
      shown += shown === '' ? String(segment) : afterItem ? `, ${String(segment)}` : `.${String(segment)}`;
      afterItem = false;
    }
  }
  return shown || 'the file';
}

/**
 * The subject of a sentence about the value at `path`: the field quoted, and the item it is in, if any.
 * `"submitted.on"`, `"to" in surveys, item 1 ("Quarterly satisfaction survey")`, `surveys, item 2`.
 */
export function showSubject(path: readonly PropertyKey[], root?: unknown): string {
  let lastItem = path.length - 1;
  while (lastItem >= 0 && typeof path[lastItem] !== 'number') lastItem--;
  if (lastItem === -1) return `"${showPath(path)}"`;
  const container = showPath(path.slice(0, lastItem + 1), root);
  const field = path.slice(lastItem + 1);
  return field.length ? `"${field.map(String).join('.')}" in ${container}` : container;
}

// Evaluate stage: reads a dotted path ("charter.sites") out of typed evidence, for the generic check kinds.
import type { KeyPath } from '../load/positions.ts';

export function pathOf(dotted: string): string[] {
  return dotted === '' ? [] : dotted.split('.');
}

export function valueAt(root: unknown, path: KeyPath): unknown {
  let node = root;
  for (const key of path) {
    // Own fields only: a pack's path through "constructor" or "toString" must find nothing, not what objects inherit.
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

const isScalar = (value: unknown): value is string | number | boolean => typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/** An item's field as message text, for placeholders such as {{site}} or {{services_promoted}}: a list reads as a list. */
export function fieldOf(item: unknown, name: string): string | number | boolean | undefined {
  const value = valueAt(item, [name]);
  if (isScalar(value)) return value;
  if (Array.isArray(value) && value.every(isScalar)) return value.join(', ');
  return undefined;
}

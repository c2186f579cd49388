// Evaluate stage: reads a dotted path ("charter.sites") out of typed evidence, for the generic check kinds.
import type { KeyPath } from '../load/positions.ts';

export function pathOf(dotted: string): string[] {
  return dotted === '' ? [] : dotted.split('.');
}

export function valueAt(root: unknown, path: KeyPath): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

/** The scalar fields of an item, for message placeholders such as {{site}} or {{checked_on}}. */
export function scalarsOf(item: unknown): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  if (item && typeof item === 'object') {
    for (const [key, value] of Object.entries(item)) {
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out[key] = value;
    }
  }
  return out;
}

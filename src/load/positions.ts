// Load stage: maps a key path in a parsed document to a 1-based line and column, once, for every stage after it.
import type { Document, LineCounter, Node, Pair, YAMLMap } from 'yaml';
import { yaml } from './yaml-package.ts';

export type KeyPath = readonly (string | number)[];
export interface Position {
  line: number;
  column: number;
}

export const TOP: Position = { line: 1, column: 1 };

export interface PositionIndex {
  /**
   * Where the value at `path` is; for a path that does not exist, where its deepest
   * existing ancestor is (the top of the file when nothing matches), so a message about
   * something missing points at the section it is missing from.
   */
  locate(path: KeyPath, target?: 'key' | 'value'): Position;
}

export function documentPositions(doc: Document, lines: LineCounter): PositionIndex {
  const { isMap, isScalar, isSeq } = yaml();
  const at = (offset: number): Position => {
    const { line, col } = lines.linePos(offset);
    return { line, column: col };
  };
  // Each mapping's keys indexed once: a file of 100,000 unknown keys asks for every one of them, and a search of
  // the mapping per question took minutes. The first pair wins, as a search from the start would find it.
  const indexes = new WeakMap<YAMLMap, Map<string, Pair>>();
  const pairOf = (map: YAMLMap, segment: string | number): Pair | undefined => {
    let index = indexes.get(map);
    if (!index) {
      index = new Map();
      for (const p of map.items) if (isScalar(p.key) && !index.has(String(p.key.value))) index.set(String(p.key.value), p);
      indexes.set(map, index);
    }
    return index.get(String(segment));
  };
  return {
    locate(path, target = 'key') {
      let node: unknown = doc.contents;
      let found: Position = TOP;
      for (let depth = 0; depth < path.length; depth++) {
        const segment = path[depth]!;
        if (isMap(node)) {
          const pair = pairOf(node, segment);
          if (!pair) return found;
          const key = pair.key as Node;
          const value = pair.value as Node | null;
          found = key.range ? at(key.range[0]) : found;
          if (target === 'value' && depth === path.length - 1 && value?.range) found = at(value.range[0]);
          node = value;
        } else if (isSeq(node) && typeof segment === 'number') {
          const item = node.items[segment] as Node | undefined;
          if (!item?.range) return found;
          found = at(item.range[0]);
          node = item;
        } else {
          return found;
        }
      }
      return found;
    },
  };
}

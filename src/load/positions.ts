// Load stage: maps a key path in a parsed document to a 1-based line and column, once, for every stage after it.
import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

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
  const at = (offset: number): Position => {
    const { line, col } = lines.linePos(offset);
    return { line, column: col };
  };
  return {
    locate(path, target = 'key') {
      let node: unknown = doc.contents;
      let found: Position = TOP;
      for (const segment of path) {
        if (isMap(node)) {
          const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
          if (!pair) return found;
          const key = pair.key as Node;
          const value = pair.value as Node | null;
          found = key.range ? at(key.range[0]) : found;
          if (target === 'value' && segment === path[path.length - 1] && value?.range) found = at(value.range[0]);
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

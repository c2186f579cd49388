// Tests for evaluate/select.ts: the dotted paths a pack names, read out of typed evidence.
import { describe, expect, it } from 'vitest';
import { pathOf, valueAt } from '../../src/evaluate/select.ts';

const evidence = { provider: { id: 'smart-cjs' }, ladder: [{ rung: 1 }, { rung: 4 }] };

describe('valueAt', () => {
  it('reads a dotted path through mappings and list items', () => {
    expect(valueAt(evidence, pathOf('provider.id'))).toBe('smart-cjs');
    expect(valueAt(evidence, ['ladder', 1, 'rung'])).toBe(4);
    expect(valueAt(evidence, pathOf('ladder.0.rung'))).toBe(1);
    expect(valueAt(evidence, pathOf(''))).toBe(evidence);
  });

  it('finds nothing where the evidence has nothing, through scalars too', () => {
    expect(valueAt(evidence, pathOf('provider.name'))).toBeUndefined();
    expect(valueAt(evidence, pathOf('provider.id.length'))).toBeUndefined();
    expect(valueAt(evidence, ['ladder', 5, 'rung'])).toBeUndefined();
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'])('finds nothing at %s, which every object inherits', (name) => {
    expect(valueAt(evidence, [name])).toBeUndefined();
    expect(valueAt(evidence, ['provider', name])).toBeUndefined();
    expect(valueAt(evidence, ['ladder', name])).toBeUndefined();
  });
});

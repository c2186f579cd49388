// Tests for load/positions.ts: a key path → the 1-based line and column every later stage reports.
import { LineCounter, parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { documentPositions, TOP, type PositionIndex } from '../../src/load/positions.ts';

function index(source: string): PositionIndex {
  const lines = new LineCounter();
  return documentPositions(parseDocument(source, { lineCounter: lines, schema: 'core' }), lines);
}

const source = [
  '# a comment on line 1', //                      1
  'format: involvement-evidence/1', //             2
  'provider:', //                                  3
  '  id: smart-cjs', //                            4
  '  name:   SMART', //                            5
  'charter:', //                                   6
  '  sites:', //                                   7
  '    - site: Oxford hub', //                     8
  '      rooms_used_by_service_users: 6', //       9
  '    - site: Banbury', //                        10
  '      checked_on: "2026-09-15"', //             11
  'volunteer_expenses:', //                        12
  '  policy:', //                                  13
  '    covers: [travel, lunch]', //                14
  'surveys:', //                                   15
  '- kind: satisfaction', //                       16
  '  to:', //                                      17
  '  respondents: 48', //                          18
  '1: numeric key', //                             19
].join('\n');
const at = index(source);

describe('documentPositions().locate', () => {
  it('finds a top-level key', () => {
    expect(at.locate(['format'])).toEqual({ line: 2, column: 1 });
    expect(at.locate(['surveys'])).toEqual({ line: 15, column: 1 });
  });

  it('finds a nested key, or its value when asked', () => {
    expect(at.locate(['provider', 'id'])).toEqual({ line: 4, column: 3 });
    expect(at.locate(['provider', 'id'], 'value')).toEqual({ line: 4, column: 7 });
    expect(at.locate(['provider', 'name'], 'value')).toEqual({ line: 5, column: 11 });
  });

  it('finds sequence items in block and flow sequences', () => {
    expect(at.locate(['charter', 'sites', 0])).toEqual({ line: 8, column: 7 });
    expect(at.locate(['charter', 'sites', 1])).toEqual({ line: 10, column: 7 });
    expect(at.locate(['charter', 'sites', 1, 'checked_on'], 'value')).toEqual({ line: 11, column: 19 });
    expect(at.locate(['volunteer_expenses', 'policy', 'covers', 0])).toEqual({ line: 14, column: 14 });
    expect(at.locate(['volunteer_expenses', 'policy', 'covers', 1])).toEqual({ line: 14, column: 22 });
    expect(at.locate(['surveys', 0, 'respondents'], 'value')).toEqual({ line: 18, column: 16 });
  });

  it('points at the key of a value left empty, and at the empty value when asked', () => {
    expect(at.locate(['surveys', 0, 'to'])).toEqual({ line: 17, column: 3 });
    expect(at.locate(['surveys', 0, 'to'], 'value')).toEqual({ line: 17, column: 6 });
  });

  it('matches a numeric key written in the file', () => {
    expect(at.locate(['1'])).toEqual({ line: 19, column: 1 });
  });

  it('falls back to the nearest existing ancestor for a missing path', () => {
    expect(at.locate(['provider', 'contract'])).toEqual({ line: 3, column: 1 });
    expect(at.locate(['charter', 'sites', 5, 'site'])).toEqual({ line: 7, column: 3 });
    expect(at.locate(['charter', 'sites', 0, 'evidence', 0])).toEqual({ line: 8, column: 7 });
    // A path that goes on through a scalar stops at the scalar's key.
    expect(at.locate(['format', 'version'])).toEqual({ line: 2, column: 1 });
    // A string segment on a sequence, or a number on a mapping, matches nothing below.
    expect(at.locate(['charter', 'sites', 'first'])).toEqual({ line: 7, column: 3 });
  });

  it('stops at a missing key, even when the path names an existing key again further on', () => {
    // The value is wanted only at the path's own end: a key that recurs later in the path is not that end.
    const nested = index('a:\n  b: 1\n');
    expect(nested.locate(['a', 'x', 'a'], 'value')).toEqual({ line: 1, column: 1 });
    expect(nested.locate(['a', 'x', 'a'])).toEqual({ line: 1, column: 1 });
    expect(nested.locate(['a', 'b', 'b'], 'value')).toEqual({ line: 2, column: 3 });
    expect(nested.locate(['a', 'b'], 'value')).toEqual({ line: 2, column: 6 });
  });

  it('gives the top of the file for a missing section, an empty path, or an empty document', () => {
    expect(TOP).toEqual({ line: 1, column: 1 });
    expect(at.locate(['ladder'])).toEqual(TOP);
    expect(at.locate([])).toEqual(TOP);
    expect(index('').locate(['format'])).toEqual(TOP);
    expect(index('- a\n- b\n').locate(['format'])).toEqual(TOP);
  });

  it('counts lines across CRLF line ends and columns after a byte order mark', () => {
    expect(index('a: 1\r\nb:\r\n  c: 2\r\n').locate(['b', 'c'], 'value')).toEqual({ line: 3, column: 6 });
    expect(index('\uFEFFa: 1\nb: 2\n').locate(['b'])).toEqual({ line: 2, column: 1 });
  });
});

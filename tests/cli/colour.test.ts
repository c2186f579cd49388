import { describe, expect, it } from 'vitest';
import { colourLevel } from '../../src/cli/colour.ts';

const tty = { write: () => true, isTTY: true };
const pipe = { write: () => true, isTTY: false };

describe('colourLevel', () => {
  it.each([
    ['a terminal', undefined, {}, tty, 1],
    ['a pipe', undefined, {}, pipe, 0],
    ['NO_COLOR on a terminal', undefined, { NO_COLOR: '1' }, tty, 0],
    ['an empty NO_COLOR (ignored, as no-color.org says)', undefined, { NO_COLOR: '' }, tty, 1],
    ['FORCE_COLOR on a pipe', undefined, { FORCE_COLOR: '1' }, pipe, 1],
    ['FORCE_COLOR=0 on a terminal', undefined, { FORCE_COLOR: '0' }, tty, 0],
    ['FORCE_COLOR=3', undefined, { FORCE_COLOR: '3' }, pipe, 3],
    ['--color on a pipe', true, {}, pipe, 1],
    ['--color with NO_COLOR', true, { NO_COLOR: '1' }, pipe, 1],
    ['--no-color with FORCE_COLOR', false, { FORCE_COLOR: '1' }, tty, 0],
    ['TERM=dumb', undefined, { TERM: 'dumb' }, tty, 0],
    ['a 256-colour terminal', undefined, { TERM: 'xterm-256color' }, tty, 2],
    ['a truecolor terminal', undefined, { COLORTERM: 'truecolor' }, tty, 3],
  ] as const)('%s', (_, flag, env, stream, level) => {
    expect(colourLevel(flag, env, stream)).toBe(level);
  });
});

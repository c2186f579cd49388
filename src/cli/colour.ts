// CLI: decides once whether to colour, from --color/--no-color, FORCE_COLOR, NO_COLOR and the terminal.
// chalk 5 reads FORCE_COLOR but not NO_COLOR (https://no-color.org), so the decision is ours.
import type { Io, OutStream } from './io.ts';

export type ColourLevel = 0 | 1 | 2 | 3;

export function colourLevel(flag: boolean | undefined, env: Io['env'], stream: OutStream): ColourLevel {
  if (flag === false) return 0;
  const force = env.FORCE_COLOR;
  // As in Node's own tty.getColorDepth, FORCE_COLOR outranks NO_COLOR; an explicit flag outranks both.
  if (force !== undefined && flag === undefined) {
    if (force === '0' || force === 'false') return 0;
    return force === '2' ? 2 : force === '3' ? 3 : 1;
  }
  if (flag === undefined && env.NO_COLOR) return 0;
  if (flag === undefined && (!stream.isTTY || env.TERM === 'dumb')) return 0;
  if (env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit') return 3;
  return env.TERM?.includes('256') ? 2 : 1;
}

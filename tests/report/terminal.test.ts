import { describe, expect, it } from 'vitest';
import { cleanForTerminal, stripTerminalControls } from '../../src/report/escape/terminal.ts';

describe('cleanForTerminal', () => {
  it.each([
    ['CSI colour', 'a\u001b[31mb\u001b[0mc', 'abc'],
    ['CSI clear screen', 'x\u001b[2J\u001b[Hy', 'xy'],
    ['OSC title, BEL-terminated', '\u001b]0;owned\u0007name', 'name'],
    ['OSC 8 hyperlink, ST-terminated', '\u001b]8;;https://evil.invalid\u001b\\click\u001b]8;;\u001b\\', 'click'],
    ['8-bit CSI', 'a\u009b31mb', 'ab'],
    ['DCS string', 'a\u001bPpayload\u001b\\b', 'ab'],
    ['an unterminated OSC swallows the rest', 'a\u001b]0;never ends', 'a'],
    ['NUL, BEL, DEL and C1', 'a\u0000b\u0007c\u007fd\u0085e', 'abcde'],
    ['line breaks and tabs become spaces', 'one\ntwo\r\nthree\tfour', 'one two three four'],
    ['bidirectional overrides', 'abc\u202edcba\u202c', 'abcdcba'],
    ['ordinary text and non-Latin letters', "Mary-Jane O'Neil — café ✓", "Mary-Jane O'Neil — café ✓"],
  ])('%s', (_, input, output) => {
    expect(cleanForTerminal(input)).toBe(output);
  });
});

describe('stripTerminalControls', () => {
  it.each([
    ['escape sequences of every kind', 'a\u001b[31mb\u001b]0;t\u0007c\u001b]8;;x\u001b\\d\u009b2Je', 'abcde'],
    ['NUL, BEL, DEL, C1 and bidirectional overrides', 'a\u0000b\u0007c\u007fd\u0085e\u202ef', 'abcdef'],
    ['tab, LF and CR stay for the format to escape', 'one\ntwo\r\nthree\tfour', 'one\ntwo\r\nthree\tfour'],
  ])('%s', (_, input, output) => {
    expect(stripTerminalControls(input)).toBe(output);
  });
});

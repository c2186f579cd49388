// Load stage: a file's bytes → its text. UTF-8 (with or without a BOM) and UTF-16 with a BOM are read as they are;
// bytes that are not UTF-8 are read as Windows-1252, what Excel and Word save on a British PC, so that the rest of
// the file can still be checked, and the first of them is named for the provider to fix.

/** The first byte of a file that is not UTF-8: the byte, and the offset in the text of the character read for it. */
export interface StrayByte {
  byte: number;
  offset: number;
}

export type Decoded = { text: string; stray?: StrayByte } | { unreadable: string };

// Windows-1252 at 0x80–0x9F; its five unassigned bytes are U+FFFD here. From 0xA0 on it is Latin-1: the code point is the byte.
const CP1252 = '€\ufffd‚ƒ„…†‡ˆ‰Š‹Œ\ufffdŽ\ufffd\ufffd‘’“”•–—˜™š›œ\ufffdžŸ';
// Characters that would be invisible in a message, named instead.
const UNSEEN: Record<number, string> = { 0xa0: 'a no-break space', 0xad: 'a soft hyphen' };

const fromCp1252 = (byte: number): string => (byte < 0xa0 ? CP1252[byte - 0x80]! : String.fromCharCode(byte));

/** "a £", "an é", "a ’": the character a stray byte most likely was. */
function likelyCharacter(byte: number): string | undefined {
  const char = fromCp1252(byte);
  if (char === '\ufffd') return undefined;
  if (UNSEEN[byte]) return UNSEEN[byte];
  return `${/^[aeiou]/i.test(char.normalize('NFD')) ? 'an' : 'a'} ${char}`;
}

export function strayByteMessage(byte: number, line: number): string {
  const hex = `0x${byte.toString(16).toUpperCase()}`;
  const likely = likelyCharacter(byte);
  return likely
    ? `byte ${hex} at line ${line} is probably ${likely} saved from Excel or Word: save the file as UTF-8`
    : `byte ${hex} at line ${line} is not text in UTF-8 or Windows-1252: save the file as UTF-8`;
}

/** The offset of the first byte at or after `from` that does not begin a valid UTF-8 sequence, or the length. */
function nextInvalidUtf8(bytes: Uint8Array, from: number): number {
  for (let i = from; i < bytes.length; ) {
    const byte = bytes[i]!;
    const extra = byte < 0x80 ? 0 : byte >= 0xc2 && byte < 0xe0 ? 1 : byte >= 0xe0 && byte < 0xf0 ? 2 : byte >= 0xf0 && byte < 0xf5 ? 3 : -1;
    if (extra < 0) return i;
    for (let k = 1; k <= extra; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF hide in the second byte (RFC 3629, section 4).
    const second = bytes[i + 1] ?? 0;
    if ((byte === 0xe0 && second < 0xa0) || (byte === 0xed && second > 0x9f) || (byte === 0xf0 && second < 0x90) || (byte === 0xf4 && second > 0x8f)) return i;
    i += extra + 1;
  }
  return bytes.length;
}

/** UTF-8 where it is valid, each other byte as Windows-1252: a file with one pasted £ keeps its other accents. */
function decodeMixed(bytes: Uint8Array): Decoded {
  // A byte order mark is dropped at the start of the file only; further on it is a character like any other.
  const first = new TextDecoder('utf-8');
  const inside = new TextDecoder('utf-8', { ignoreBOM: true });
  // Pieces joined once: a binary file is a stray byte after another.
  const pieces: string[] = [];
  let length = 0;
  let stray: StrayByte | undefined;
  for (let at = 0; at < bytes.length; ) {
    const bad = nextInvalidUtf8(bytes, at);
    if (bad > at) {
      const piece = (at === 0 ? first : inside).decode(bytes.subarray(at, bad));
      pieces.push(piece);
      length += piece.length;
    }
    if (bad === bytes.length) break;
    const byte = bytes[bad]!;
    stray ??= { byte, offset: length };
    pieces.push(fromCp1252(byte));
    length++;
    at = bad + 1;
  }
  return { text: pieces.join(''), stray };
}

export function decodeText(bytes: Uint8Array): Decoded {
  const [a, b, c, d] = bytes;
  if ((a === 0xff && b === 0xfe && c === 0 && d === 0) || (a === 0 && b === 0 && c === 0xfe && d === 0xff)) {
    return { unreadable: 'the file is UTF-32; save it as UTF-8' };
  }
  if (a === 0xff && b === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)) };
  if (a === 0xfe && b === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)) };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    return decodeMixed(bytes);
  }
}

// Report stage: makes any string safe as XML 1.0 character data or a double- or single-quoted attribute value.
// XML 1.0 §2.2 (production [2] Char) admits only #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] |
// [#x10000-#x10FFFF]; anything else (most C0 controls, U+FFFE, U+FFFF, a lone surrogate) is illegal even as a
// character reference, so it becomes U+FFFD, as a decoder does with bytes it cannot read.
// Markup is escaped with entities, never CDATA: `>` is always `&gt;`, so `]]>` (forbidden in character data by
// §2.4) cannot occur however many times the input holds it.
// CR is a reference because §2.11 turns a literal CR into LF; in attributes, tab, LF and CR are references too
// because §3.3.3 normalises literal ones to spaces.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const TEXT: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' };
const ATTRIBUTE: Record<string, string> = { ...TEXT, '"': '&quot;', "'": '&apos;', '\t': '&#9;', '\n': '&#10;' };

/** Replaces every character XML 1.0 cannot carry with U+FFFD. */
export function toXmlChars(text: string): string {
  return text.replace(NOT_XML_CHAR, '\uFFFD');
}

export function escapeXmlText(text: string): string {
  return toXmlChars(text).replace(/[&<>\r]/g, (c) => TEXT[c]!);
}

export function escapeXmlAttribute(text: string): string {
  return toXmlChars(text).replace(/[&<>"'\t\n\r]/g, (c) => ATTRIBUTE[c]!);
}

// Report stage: makes text from an evidence file or a rule pack inert in Markdown, following CommonMark 0.31
// (https://spec.commonmark.org/0.31.2/) and GitHub Flavored Markdown 0.29 (https://github.github.com/gfm/).
// CommonMark lets any ASCII punctuation be backslash-escaped (§2.4), and an escaped character is always literal
// text, so each character that can open emphasis, a code span, a link or image, raw HTML, an autolink, an entity,
// a GFM table cell or strikethrough, GitHub math or an @mention is escaped wherever it stands. Line breaks become
// spaces so one value stays on one table row and cannot start a heading, list or fence on a line of its own; what
// only means something at the start of a block (list markers, thematic breaks) is escaped at the start.
// GFM's extended autolinks need no punctuation at all (§6.9), so `://` and `www.` are broken by an escape too.
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f\u202a-\u202e\u2066-\u2069]/g;
const LINE_BREAK = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;
const PUNCTUATION = /[\\`*_[\]<>|~&$@#!]/g;
const BLOCK_START = /^([-+=])|^(\d{1,9})([.)])(?=[ \t]|$)/;
const AUTOLINK = /(:)(?=\/\/)|(?<=\bwww)(\.)/gi;

/** Text for a Markdown paragraph, list item, heading or GFM table cell: shown as written, never as markup. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(CONTROL, '')
    .replace(LINE_BREAK, ' ')
    .trim()
    .replace(PUNCTUATION, '\\$&')
    .replace(AUTOLINK, '\\$&')
    .replace(BLOCK_START, (_, marker: string | undefined, digits: string, dot: string) => (marker ? `\\${marker}` : `${digits}\\${dot}`));
}

/**
 * A link whose text is `text`, escaped as above, to `url`, an http(s) address a rule pack checked when it loaded.
 * Parsed again here so the destination is the URL standard's serialisation, which percent-encodes spaces, `<` and
 * `>`: inside `<…>` (CommonMark §6.3) nothing else in it can end the link.
 */
export function markdownLink(text: string, url: string | undefined): string {
  return url ? `[${escapeMarkdown(text)}](<${new URL(url).href}>)` : escapeMarkdown(text);
}

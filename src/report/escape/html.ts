// Report stage: makes text from an evidence file or a rule pack inert in HTML (HTML Living Standard §13.1.2.6;
// OWASP XSS Prevention rules 1 and 2). Escaping & < > " ' makes a value safe as element text and inside a quoted
// attribute value, the only two places the HTML format puts one; it is not safe in URLs, CSS or script, so the
// format never puts evidence there. Controls the parser would reject or turn into U+FFFD are dropped, and so are
// bidirectional overrides, which could make a reader see text in an order other than the stored one.
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for element content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(CONTROL, '').replace(/[&<>"']/g, (c) => ENTITY[c]!);
}

/**
 * `text` escaped as above, linked to `url` when there is one: an http(s) address a rule pack checked when it
 * loaded (never evidence), serialised by the URL standard so a quote cannot end the attribute early.
 */
export function htmlLink(text: string, url: string | undefined): string {
  return url ? `<a href="${escapeHtml(new URL(url).href)}">${escapeHtml(text)}</a>` : escapeHtml(text);
}

// Packs stage: whether a quote is a policy's own words. rules-and-reports.md ("Faithful to the policy") lets a
// quote differ from the text in whitespace, typographic quotes and apostrophes, the case of its first letter and a
// closing full stop, and lets an ellipsis join two passages; nothing else.

/** Text as quotes and policy words are compared. */
export function normaliseWords(text: string): string {
  return (
    text
      // Apostrophes and single quotes become a space: the extracted Oxfordshire text lost its apostrophes
      // ("the individual s treatment", "Service Users Charter"), so both sides must lose them alike.
      .replace(/[‘’‚‛′`´']/g, ' ')
      .replace(/[“”„‟″]/g, '"')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/** The passages a quote joins with an ellipsis, each without a closing full stop. */
export function passagesOf(quote: string): string[] {
  return quote
    .split(/…|\.\.\./)
    .map((passage) => normaliseWords(passage).replace(/\.$/, '').trim())
    .filter((passage) => passage.length > 0);
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

// A passage that starts or ends inside a word ("ensure" in "ensured") is not the policy's words.
const cutsWord = (edge: string | undefined, neighbour: string | undefined) =>
  edge !== undefined && neighbour !== undefined && LETTER_OR_DIGIT.test(edge) && LETTER_OR_DIGIT.test(neighbour);

/** Where `passage` ends in `words` at or after `from`, its first letter in either case; undefined when absent. */
function endOf(passage: string, words: string, from: number): number | undefined {
  const first = passage[0]!;
  const variants = new Set([passage, first.toLowerCase() + passage.slice(1), first.toUpperCase() + passage.slice(1)]);
  let best: number | undefined;
  for (const variant of variants) {
    for (let at = words.indexOf(variant, from); at !== -1; at = words.indexOf(variant, at + 1)) {
      const end = at + variant.length;
      if (cutsWord(variant[0], words[at - 1]) || cutsWord(variant.at(-1), words[end])) continue;
      if (best === undefined || end < best) best = end;
      break;
    }
  }
  return best;
}

/** True when every passage of `quote` is in `words`, whole words only, in the order quoted. */
export function quoteIsIn(quote: string, words: string): boolean {
  const passages = passagesOf(quote);
  const text = normaliseWords(words);
  let from = 0;
  for (const passage of passages) {
    const end = endOf(passage, text, from);
    if (end === undefined) return false;
    from = end;
  }
  return passages.length > 0;
}

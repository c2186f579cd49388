// Validate stage: the nearest known name to a misspelt one, as ESLint and Vale suggest.
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = distance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  // A third of the word, at least 1 edit and at most 3: close enough to be a slip, not a different word.
  if (bestDistance <= Math.min(3, Math.max(1, Math.floor(word.length / 3)))) return best;
  return partOf(word, candidates);
}

const wordsOf = (name: string) => name.toLowerCase().split(/[-_.\s]+/).filter(Boolean);

// A name cut short ("charter" for charter-displayed, "personal-data" for no-personal-data) is no slip, but it is
// what someone remembers: the one name that starts with it or holds it as whole words. Two such names, and
// guessing between them would mislead.
function partOf(word: string, candidates: readonly string[]): string | undefined {
  const part = wordsOf(word);
  if (word.length < 3 || part.length === 0) return undefined;
  const holds = (candidate: string) => {
    const whole = wordsOf(candidate);
    return candidate.toLowerCase().startsWith(word.toLowerCase()) || whole.some((_, i) => part.every((w, j) => whole[i + j] === w));
  };
  const found = [...new Set(candidates.filter(holds))];
  return found.length === 1 ? found[0] : undefined;
}

function distance(a: string, b: string): number {
  let older: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      // A swapped pair of letters is one slip, not two.
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) current[j] = Math.min(current[j]!, older[j - 2]! + 1);
    }
    older = previous;
    previous = current;
  }
  return previous[b.length]!;
}

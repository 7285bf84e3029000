/**
 * Finds runs of consecutive words that a text shares with a source, ignoring case and punctuation.
 * Two tokenisations are checked, because punctuation can either split a word ("2–3" → "2 3") or
 * vanish inside it ("first-author" → "firstauthor"); a copied run shows up in at least one.
 */
const tokenisers: Array<(text: string) => string[]> = [
  (text) =>
    text
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean),
  (text) =>
    text
      .toLowerCase()
      .split(/\s+/u)
      .map((word) => word.replace(/[^\p{L}\p{N}]+/gu, ''))
      .filter(Boolean),
];

export interface SharedRunFinder {
  /** Every maximal run of at least `minWords` words of `text` that also occurs in the source. */
  runsIn(text: string): string[];
}

export function sharedRunFinder(source: string, minWords: number): SharedRunFinder {
  const sourceGrams = tokenisers.map((tokenise) => nGrams(tokenise(source), minWords));
  return {
    runsIn(text) {
      const runs = new Set<string>();
      tokenisers.forEach((tokenise, index) => {
        const words = tokenise(text);
        const grams = sourceGrams[index] ?? new Set<string>();
        let runStart = -1;
        let runEnd = -1;
        for (let start = 0; start + minWords <= words.length; start += 1) {
          if (!grams.has(words.slice(start, start + minWords).join(' '))) continue;
          if (runStart >= 0 && start <= runEnd) {
            runEnd = start + minWords;
          } else {
            if (runStart >= 0) runs.add(words.slice(runStart, runEnd).join(' '));
            runStart = start;
            runEnd = start + minWords;
          }
        }
        if (runStart >= 0) runs.add(words.slice(runStart, runEnd).join(' '));
      });
      return [...runs];
    },
  };
}

function nGrams(words: string[], size: number): Set<string> {
  const grams = new Set<string>();
  for (let start = 0; start + size <= words.length; start += 1) {
    grams.add(words.slice(start, start + size).join(' '));
  }
  return grams;
}

/** Edit distance (insertions, deletions, substitutions), for "did you mean" hints. */
export const levenshtein = (a: string, b: string): number => {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length];
};

/**
 * The known word closest to `word`, when close enough to be a likely typo: a case-only difference,
 * one a prefix of the other ("logging" → "log"), or at most a third of the letters (at least 2) changed.
 */
export const nearest = (word: string, known: readonly string[]): string | undefined => {
  const lower = word.toLowerCase();
  const sameLetters = known.find((k) => k.toLowerCase() === lower);
  if (sameLetters) return sameLetters;
  const prefix = known.find((k) => k.length >= 3 && (lower.startsWith(k.toLowerCase()) || k.toLowerCase().startsWith(lower)));
  if (prefix && lower.length >= 3) return prefix;
  let best: { word: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = levenshtein(lower, candidate.toLowerCase());
    if (!best || distance < best.distance) best = { word: candidate, distance };
  }
  const allowed = Math.max(2, Math.floor(word.length / 3));
  return best && best.distance <= allowed ? best.word : undefined;
};

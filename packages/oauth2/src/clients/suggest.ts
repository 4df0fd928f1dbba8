/** "Did you mean …?" for misspelt field names: the known name at the smallest edit distance, if close. */
export const nearestName = (name: string, known: readonly string[]): string | undefined => {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const distance = editDistance(name.toLowerCase(), candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  // Farther than a third of the name is a different word, not a typo.
  return bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
};

/** Levenshtein distance, one row at a time. */
const editDistance = (a: string, b: string): number => {
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

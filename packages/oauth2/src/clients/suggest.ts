import { levenshtein as editDistance } from '@olympus/config';

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


/**
 * Is a password too close to the identifier it protects? Kratos' rule (case-insensitive): one
 * contains the other, the edit distance is below 5, or their longest common substring covers more
 * than half of the password (docs/security.md ID-4, "context words"; NIST 800-63B §5.1.1.2).
 */
const MIN_EDIT_DISTANCE = 5;
const MAX_SHARED_RATIO = 0.5;
/** Email local parts shorter than this are too generic (`li`, `joe`) to reject passwords over. */
const MIN_LOCAL_PART = 5;

/** Levenshtein distance over code points, two rows of memory. */
export const editDistance = (a: string, b: string): number => {
  const x = [...a];
  const y = [...b];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      const substitution = previous[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, substitution);
    }
    previous = current;
  }
  return previous[y.length];
};

/** Length of the longest common substring, in code points. */
export const longestCommonSubstring = (a: string, b: string): number => {
  const x = [...a];
  const y = [...b];
  let best = 0;
  let previous = new Array<number>(y.length + 1).fill(0);
  for (let i = 1; i <= x.length; i++) {
    const current = new Array<number>(y.length + 1).fill(0);
    for (let j = 1; j <= y.length; j++) {
      if (x[i - 1] === y[j - 1]) {
        current[j] = previous[j - 1] + 1;
        if (current[j] > best) best = current[j];
      }
    }
    previous = current;
  }
  return best;
};

const similar = (identifier: string, password: string): boolean => {
  if (identifier.includes(password) || password.includes(identifier)) return true;
  if (editDistance(identifier, password) < MIN_EDIT_DISTANCE) return true;
  return longestCommonSubstring(identifier, password) / [...password].length > MAX_SHARED_RATIO;
};

/**
 * Compares with the whole identifier and, for an email address, with its local part too (so
 * `alice@example.com` cannot pick `alice2024!`).
 */
export const tooSimilarToIdentifier = (identifier: string, password: string): boolean => {
  const id = identifier.trim().toLowerCase();
  const pw = password.toLowerCase();
  if (id === '' || pw === '') return false;
  if (similar(id, pw)) return true;
  const at = id.lastIndexOf('@');
  const local = at > 0 ? id.slice(0, at) : '';
  return [...local].length >= MIN_LOCAL_PART && similar(local, pw);
};

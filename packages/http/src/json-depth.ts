/**
 * How deeply a JSON body may nest. JSON.parse reads any depth, but structuredClone, JSON.stringify
 * and schema validation recurse once per level and overflow the stack some thousands of levels down,
 * which turned a 20 KB body of nested arrays into a 500 (docs/operations/fuzzing.md). No client
 * metadata, identity, JSON Patch or consent session needs more than a few levels; RFC 8259 §9 lets
 * a parser set this limit.
 */
export const MAX_JSON_DEPTH = 128;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPENERS = new Set([0x5b, 0x7b]); // [ {
const CLOSERS = new Set([0x5d, 0x7d]); // ] }

/** True when `text` opens more than `max` arrays or objects inside each other; brackets in strings do not count. */
export const nestsDeeperThan = (text: string, max = MAX_JSON_DEPTH): boolean => {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (OPENERS.has(c)) {
      if (++depth > max) return true;
    } else if (CLOSERS.has(c)) depth--;
  }
  return false;
};

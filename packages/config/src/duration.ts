/**
 * Go-style durations ("15m", "1h30m", "720h", "0s", "1.5h"), the format Hydra's config uses,
 * converted to whole milliseconds. Units: ns, us (µs), ms, s, m, h. No sign: Olympus has no
 * use for negative durations.
 */
const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

const PART = /(\d+(?:\.\d+)?|\.\d+)(ns|us|µs|ms|s|m|h)/y;

/** Matches a whole duration; used by the config schema as the `duration` format. */
export const DURATION_PATTERN = /^(?:0|(?:(?:\d+(?:\.\d+)?|\.\d+)(?:ns|us|µs|ms|s|m|h))+)$/;

/** Parses a Go-style duration into milliseconds; returns undefined when `text` is not one. */
export const tryParseDuration = (text: string): number | undefined => {
  if (!DURATION_PATTERN.test(text)) return undefined;
  if (text === '0') return 0;
  let total = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < text.length) {
    const match = PART.exec(text);
    if (!match) return undefined;
    total += Number(match[1]) * UNIT_MS[match[2]];
  }
  return Math.round(total);
};

/** Parses a Go-style duration into milliseconds, or throws a RangeError naming the bad input. */
export const parseDuration = (text: string): number => {
  const ms = tryParseDuration(text);
  if (ms === undefined) throw new RangeError(`"${text}" is not a duration like "15m" or "1h30m"`);
  return ms;
};

/** The shortest Go-style spelling of whole milliseconds: 5_400_000 → "1h30m", 0 → "0s". */
export const formatDuration = (ms: number): string => {
  if (!Number.isInteger(ms) || ms < 0) throw new RangeError(`cannot format ${ms} as a duration`);
  if (ms === 0) return '0s';
  const parts: string[] = [];
  let rest = ms;
  for (const [unit, size] of [['h', 3_600_000], ['m', 60_000], ['s', 1000], ['ms', 1]] as const) {
    const count = Math.floor(rest / size);
    if (count > 0) parts.push(`${count}${unit}`);
    rest -= count * size;
  }
  return parts.join('');
};

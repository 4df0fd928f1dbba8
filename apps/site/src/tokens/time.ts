/**
 * Claim times (RFC 7519 §2 NumericDate: seconds since the epoch, UTC) in a form people read: the
 * UTC date and time, and how far that is from now in the page's language ("in 4 min", "vor 2 Std.").
 */

/** `2025-06-01 14:03:22 UTC`. */
export const formatUtc = (epochSeconds: number): string =>
  `${new Date(epochSeconds * 1000).toISOString().slice(0, 19).replace('T', ' ')} UTC`;

const UNITS: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

/** `epochSeconds` relative to `nowMs`, in the largest whole unit that fits; Intl words it per locale. */
export const relativeTime = (locale: string, epochSeconds: number, nowMs: number): string => {
  const delta = epochSeconds - Math.floor(nowMs / 1000);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'always', style: 'short' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(delta) >= size) return format.format(Math.trunc(delta / size), unit);
  }
  return format.format(delta, 'second');
};

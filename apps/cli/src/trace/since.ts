/**
 * `--since`: an RFC 3339 time (RFC 3339 §5.6), or a duration back from now (`90s`, `10m`, `2h`, `1d`),
 * sent to GET /admin/trace-events as RFC 3339.
 */
import { UsageError } from '../errors.ts';

const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i;
const DURATION = /^(\d+)(s|m|h|d)$/;
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export const readSince = (raw: string | undefined, now: number): string | undefined => {
  if (raw === undefined) return undefined;
  if (RFC3339.test(raw) && !Number.isNaN(Date.parse(raw))) return new Date(Date.parse(raw)).toISOString();
  const duration = DURATION.exec(raw);
  if (duration) return new Date(now - Number(duration[1]) * UNIT_MS[duration[2]!]!).toISOString();
  throw new UsageError(`--since takes an RFC 3339 time (2026-01-01T12:00:00Z) or a duration such as 10m or 2h, not "${raw}".`);
};

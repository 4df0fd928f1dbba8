/**
 * Safe reads of an event's evidence. Evidence is plain JSON that producers fill in over time
 * (docs/operations/tracing.md): a member may be missing, null or of another type in an older event,
 * so every read answers `undefined` instead of trusting a shape, and the rules never throw.
 */
import type { TraceEvent } from '../event.ts';

const memberOf = (from: unknown, key: string): unknown =>
  typeof from === 'object' && from !== null && !Array.isArray(from) ? (from as Record<string, unknown>)[key] : undefined;

/** The member at a dotted path (`pkce.matched`). */
export const evidenceAt = (event: TraceEvent, path: string): unknown =>
  path.split('.').reduce<unknown>((at, key) => memberOf(at, key), event.evidence);

export const flagAt = (event: TraceEvent, path: string): boolean | undefined => {
  const value = evidenceAt(event, path);
  return typeof value === 'boolean' ? value : undefined;
};

export const textAt = (event: TraceEvent, path: string): string | undefined => {
  const value = evidenceAt(event, path);
  return typeof value === 'string' ? value : undefined;
};

export const numberAt = (event: TraceEvent, path: string): number | undefined => {
  const value = evidenceAt(event, path);
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
};

/** An array of strings; other items are left out. */
export const textsAt = (event: TraceEvent, path: string): string[] | undefined => {
  const value = evidenceAt(event, path);
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined;
};

/** An array of objects (`id_token_claims_omitted`); other items are left out. */
export const recordsAt = (event: TraceEvent, path: string): Record<string, unknown>[] => {
  const value = evidenceAt(event, path);
  return Array.isArray(value) ? value.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null && !Array.isArray(item)) : [];
};

/** A fact as a reader sees it: `yes`/`no`, a list joined by commas, `(none)` for an empty list, `unknown` when absent. */
export const shown = (value: unknown): string => {
  if (value === undefined || value === null) return 'unknown';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))).join(', ');
  return typeof value === 'string' ? value : JSON.stringify(value);
};

/** `1.5 s`, `12 min`, `3 h` for a duration in milliseconds. */
export const shownDuration = (ms: number | undefined): string => {
  if (ms === undefined) return 'unknown';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 7_200_000) return `${Math.round(ms / 60_000)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
};

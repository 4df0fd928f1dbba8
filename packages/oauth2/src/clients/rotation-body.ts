/**
 * The optional body of POST /admin/clients/{id}/secrets/rotate, an Olympus extension
 * (docs/compatibility.md §1.2): `{"rotated_secrets_expire_at": "<RFC 3339>"}` or
 * `{"rotated_secrets_ttl": "<duration>"}`. No body, as Hydra's SDK sends it, opens no window.
 */
import { InvalidRequest } from '../errors.ts';
import { show } from './describe.ts';
import { parseGoDuration } from './duration.ts';
import type { RotationWindow } from './rotation.ts';

const EXPIRE_AT = 'rotated_secrets_expire_at';
const TTL = 'rotated_secrets_ttl';

/** RFC 3339 §5.6 date-time: a full date, a time, and an offset (Z or ±hh:mm). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

const RETIRE_NOW = 'To retire the rotated secrets now, send DELETE /admin/clients/{id}/secrets/rotate.';

const expireAtOf = (value: unknown): number => {
  const ms = typeof value === 'string' && DATE_TIME.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new InvalidRequest(`${EXPIRE_AT} ${show(value)} is not an RFC 3339 date-time such as "2026-05-01T12:00:00Z".`);
  }
  return ms;
};

const ttlOf = (value: unknown): number => {
  const ms = typeof value === 'string' ? parseGoDuration(value) : undefined;
  if (ms === undefined) throw new InvalidRequest(`${TTL} ${show(value)} is not a duration such as "1h" or "30m".`);
  return ms;
};

export const readRotationBody = (body: unknown): RotationWindow => {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw new InvalidRequest(`The body must be a JSON object with ${EXPIRE_AT} or ${TTL}, or empty.`);
  }
  const fields = body as Record<string, unknown>;
  const unknown = Object.keys(fields).filter((key) => key !== EXPIRE_AT && key !== TTL);
  if (unknown.length > 0) throw new InvalidRequest(`Field ${show(unknown[0])} is not known here; send ${EXPIRE_AT} or ${TTL}.`);
  return {
    ...(fields[EXPIRE_AT] === undefined ? {} : { rotatedSecretsExpireAt: expireAtOf(fields[EXPIRE_AT]) }),
    ...(fields[TTL] === undefined ? {} : { rotatedSecretsTtl: ttlOf(fields[TTL]) }),
  };
};

/** The end of the window at `now`, or undefined for none; a window must end in the future. */
export const windowEnd = (window: RotationWindow, now: number): number | undefined => {
  const { rotatedSecretsExpireAt: expireAt, rotatedSecretsTtl: ttl } = window;
  if (expireAt !== undefined && ttl !== undefined) throw new InvalidRequest(`Send ${EXPIRE_AT} or ${TTL}, not both.`);
  if (ttl !== undefined) {
    if (!(ttl > 0) || !Number.isFinite(ttl)) throw new InvalidRequest(`${TTL} must be longer than zero. ${RETIRE_NOW}`);
    return now + ttl;
  }
  if (expireAt === undefined) return undefined;
  if (!Number.isFinite(expireAt) || expireAt <= now) {
    throw new InvalidRequest(`${EXPIRE_AT} must be in the future (it is ${new Date(now).toISOString()} now). ${RETIRE_NOW}`);
  }
  return expireAt;
};

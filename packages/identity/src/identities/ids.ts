/**
 * Identity ids are UUIDv7 (RFC 9562 §5.7): 48 bits of Unix milliseconds, then random bits. They
 * sort by creation time, so keyset pages ordered by id list identities oldest first. Within one
 * millisecond (or if the clock steps back) this process increments the previous id's random bits
 * (RFC 9562 §6.2, method 2), so ids made here are strictly increasing.
 */
import { randomBytes } from 'node:crypto';

const RANDOM_BITS = 74n;
let last = { ms: -1, random: 0n };

const freshRandom = (): bigint => BigInt(`0x${randomBytes(10).toString('hex')}`) & ((1n << RANDOM_BITS) - 1n);

export const newIdentityId = (now: number = Date.now()): string => {
  const ms = Math.max(now, last.ms);
  const random = ms === last.ms ? (last.random + 1n) & ((1n << RANDOM_BITS) - 1n) : freshRandom();
  last = { ms, random };
  const randA = random >> 62n; // 12 bits after the version nibble
  const randB = random & ((1n << 62n) - 1n); // 62 bits after the variant bits
  const hex = ms.toString(16).padStart(12, '0')
    + (0x7000n | randA).toString(16).padStart(4, '0')
    + ((0b10n << 62n) | randB).toString(16).padStart(16, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

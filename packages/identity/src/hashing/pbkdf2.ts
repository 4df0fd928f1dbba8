/**
 * PBKDF2 verification for imported hashes in Kratos' import format
 * `$pbkdf2-<digest>$i=<iterations>,l=<key length>$<salt b64>$<hash b64>` (standard base64, padding
 * optional), computed by node:crypto on the thread pool and compared in constant time.
 */
import { pbkdf2, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const pbkdf2Async = promisify(pbkdf2);

const DIGESTS = new Set(['sha1', 'sha224', 'sha256', 'sha384', 'sha512']);
/** Ceilings for stored hashes: OWASP asks 600 000 iterations for SHA-256; 10 M is a typo, not a policy. */
const MAX_ITERATIONS = 10_000_000;
const MAX_KEY_BYTES = 512;
const FORMAT = /^\$pbkdf2-([a-z0-9]+)\$i=(\d{1,9}),l=(\d{1,4})\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/;

export interface Pbkdf2Hash {
  digest: string;
  iterations: number;
  salt: Buffer;
  key: Buffer;
}

export const isPbkdf2Hash = (encoded: string): boolean => /^\$pbkdf2-sha\d{1,3}\$/.test(encoded);

/** Undefined for anything malformed or outside the ceilings. */
export const parsePbkdf2 = (encoded: string): Pbkdf2Hash | undefined => {
  const match = FORMAT.exec(encoded);
  if (!match) return undefined;
  const [, digest, iterations, length, salt, key] = match;
  const parsed = { digest, iterations: Number(iterations), salt: Buffer.from(salt, 'base64'), key: Buffer.from(key, 'base64') };
  if (!DIGESTS.has(digest) || parsed.iterations < 1 || parsed.iterations > MAX_ITERATIONS) return undefined;
  // Like Kratos, the derived length is the stored key's; `l=` is only checked for sanity.
  if (parsed.key.length === 0 || parsed.key.length > MAX_KEY_BYTES || Number(length) === 0) return undefined;
  return parsed;
};

export const verifyPbkdf2 = async (password: string, encoded: string): Promise<boolean> => {
  const parsed = parsePbkdf2(encoded);
  if (!parsed) return false;
  const derived = await pbkdf2Async(password, parsed.salt, parsed.iterations, parsed.key.length, parsed.digest);
  return timingSafeEqual(derived, parsed.key);
};

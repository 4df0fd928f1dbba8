/**
 * Key material with jose: generating key pairs, reading imported JWKs, and splitting a JWK into the
 * part that may be published and the part that must stay sealed.
 */
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, generateSecret, importJWK, type JWK } from 'jose';
import { InvalidRequest } from '../errors.ts';
import { checkAlg, checkName, checkUse, isSymmetric, type KeyAlg, type KeySpec, type KeyUse } from './algorithms.ts';

export interface KeyMaterial {
  kid: string;
  alg: KeyAlg;
  use: KeyUse;
  publicJwk: JWK;
  /** Absent for imported public keys. */
  privateJwk?: JWK;
}

/** Members that may be shown to anyone; everything else (d, p, q, dp, dq, qi, oth, k) is private. */
const PUBLIC_MEMBERS = ['kty', 'crv', 'n', 'e', 'x', 'y', 'x5c'] as const;

export const publicPart = (jwk: JWK, kid: string, alg: string, use: KeyUse): JWK => {
  const pub: JWK = {};
  for (const member of PUBLIC_MEMBERS) if (jwk[member] !== undefined) (pub as Record<string, unknown>)[member] = jwk[member];
  return { ...pub, kid, alg, use };
};

/** RSA 2048 bits (jose's default, NIST-acceptable through 2030, and fast to sign with); Ed25519 for EdDSA. */
const generateJwk = async (alg: KeyAlg): Promise<JWK> => {
  if (isSymmetric(alg)) return exportJWK(await generateSecret(alg, { extractable: true }));
  const { privateKey } = await generateKeyPair(alg, { extractable: true, ...(alg === 'EdDSA' ? { crv: 'Ed25519' } : {}) });
  return exportJWK(privateKey);
};

export const generateKey = async (spec: KeySpec): Promise<KeyMaterial> => {
  const kid = spec.kid ?? randomUUID();
  const privateJwk = { ...(await generateJwk(spec.alg)), kid, alg: spec.alg, use: spec.use };
  return { kid, alg: spec.alg, use: spec.use, privateJwk, publicJwk: publicPart(privateJwk, kid, spec.alg, spec.use) };
};

const hmacKeyBytes = (alg: KeyAlg): number => (alg === 'HS512' ? 64 : 32);

const hasPrivatePart = (jwk: JWK): boolean => jwk.kty === 'oct' || jwk.d !== undefined;

/**
 * Validates a JWK sent to PUT /admin/keys: kid, alg and use present and supported, and the key
 * material importable for that alg (jose checks kty, curve and RSA size).
 */
export const readImportedJwk = async (raw: unknown, kidFromPath?: string): Promise<KeyMaterial> => {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new InvalidRequest('The key must be a JSON Web Key object (RFC 7517 §4).');
  }
  const jwk = raw as JWK;
  if (kidFromPath !== undefined && jwk.kid !== undefined && jwk.kid !== kidFromPath) {
    throw new InvalidRequest(`The key's kid "${jwk.kid}" differs from the kid "${kidFromPath}" in the path.`);
  }
  const kid = checkName('kid', kidFromPath ?? jwk.kid);
  const alg = checkAlg(jwk.alg);
  const use = checkUse(jwk.use ?? 'sig');
  if ((jwk.kty === 'oct') !== isSymmetric(alg)) {
    throw new InvalidRequest(`A key of type "${String(jwk.kty)}" cannot be used with ${alg}.`);
  }
  if (jwk.kty === 'oct' && Buffer.from(String(jwk.k ?? ''), 'base64url').length < hmacKeyBytes(alg)) {
    // RFC 7518 §3.2: an HMAC key at least as long as the hash output.
    throw new InvalidRequest(`The ${alg} key ${kid} is too short; use at least ${hmacKeyBytes(alg)} random bytes.`);
  }
  try {
    await importJWK(jwk, alg);
  } catch (err) {
    throw new InvalidRequest(`The key ${kid} is not a valid ${alg} JSON Web Key.`, { debug: (err as Error).message });
  }
  const privateJwk = hasPrivatePart(jwk) ? { ...jwk, kid, alg, use } : undefined;
  return { kid, alg, use, privateJwk, publicJwk: publicPart(jwk, kid, alg, use) };
};

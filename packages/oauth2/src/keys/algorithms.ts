/**
 * The JWS algorithms Olympus generates and accepts keys for (Hydra: RS256, ES256, ES512, HS256,
 * HS512; plus RS512 and EdDSA). HMAC keys have no public part, so they never go into a published
 * JWKS and are refused in the two default sets.
 */
import { KEY_SETS } from '../context.ts';
import { InvalidRequest } from '../errors.ts';

export const KEY_ALGS = ['RS256', 'RS512', 'ES256', 'ES512', 'EdDSA', 'HS256', 'HS512'] as const;
export type KeyAlg = (typeof KEY_ALGS)[number];
export type KeyUse = 'sig' | 'enc';

export interface KeySpec {
  alg: KeyAlg;
  use: KeyUse;
  kid?: string;
}

export const isSymmetric = (alg: string): boolean => alg.startsWith('HS');

export const isDefaultSet = (set: string): boolean => set === KEY_SETS.idToken || set === KEY_SETS.accessToken;

export const checkAlg = (alg: unknown): KeyAlg => {
  if (typeof alg === 'string' && (KEY_ALGS as readonly string[]).includes(alg)) return alg as KeyAlg;
  throw new InvalidRequest(`The key algorithm ${JSON.stringify(alg ?? null)} is not supported.`, {
    hint: `Use one of ${KEY_ALGS.join(', ')}.`,
  });
};

export const checkUse = (use: unknown): KeyUse => {
  if (use === 'sig' || use === 'enc') return use;
  throw new InvalidRequest(`The key use ${JSON.stringify(use ?? null)} is not supported.`, { hint: 'Use "sig" or "enc".' });
};

/** Key ids and set names travel in URLs and JWS headers: keep them printable and bounded. */
export const checkName = (what: 'kid' | 'set', value: unknown): string => {
  if (typeof value === 'string' && value.length > 0 && value.length <= 255 && !/[\u0000-\u001f\u007f/]/.test(value)) return value;
  throw new InvalidRequest(`The ${what} ${JSON.stringify(value ?? null)} is not valid.`, {
    hint: `A ${what} is 1 to 255 printable characters without "/".`,
  });
};

/**
 * The default sets hold keys that sign ID tokens and JWT access tokens and are published at
 * /.well-known/jwks.json, so they take asymmetric signing keys only.
 */
export const checkSpecForSet = (set: string, spec: { alg: KeyAlg; use: KeyUse }): void => {
  if (!isDefaultSet(set)) return;
  if (isSymmetric(spec.alg) || spec.use !== 'sig') {
    throw new InvalidRequest(`The set ${set} only holds asymmetric signing keys.`, {
      hint: `Use "use": "sig" with one of ${KEY_ALGS.filter((a) => !isSymmetric(a)).join(', ')}; keep HMAC and encryption keys in a set of your own.`,
    });
  }
};

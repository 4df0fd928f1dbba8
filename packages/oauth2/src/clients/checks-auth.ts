/** Validation steps for how a client authenticates at the token endpoint (RFC 6749 §2.3, RFC 7523 §2.2). */
import { InvalidClientMetadata } from '../errors.ts';
import type { ClientCheck } from './draft.ts';
import { show } from './describe.ts';

export const AUTH_METHODS = ['client_secret_basic', 'client_secret_post', 'private_key_jwt', 'none'] as const;
export const ASSERTION_ALGS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'];
export const MIN_SECRET_LENGTH = 6;

export const checkAuthMethod: ClientCheck = ({ client }) => {
  const method: string = client.token_endpoint_auth_method;
  if ((AUTH_METHODS as readonly string[]).includes(method)) return;
  const why = method === 'client_secret_jwt'
    ? ' client_secret_jwt needs the plain secret on the server, and Olympus stores only hashes; use private_key_jwt.'
    : '';
  throw new InvalidClientMetadata(
    `Field token_endpoint_auth_method is ${show(method)}, but it must be one of ${AUTH_METHODS.join(', ')}.${why}`,
  );
};

/** Hydra: private_key_jwt needs the client's public keys, and jwks and jwks_uri exclude each other. */
export const checkKeySource: ClientCheck = ({ client }) => {
  const hasJwks = (client.jwks.keys?.length ?? 0) > 0;
  if (hasJwks && client.jwks_uri) {
    throw new InvalidClientMetadata('Fields jwks and jwks_uri are both set; keep one of them (jwks_uri lets you rotate keys without an update).');
  }
  if (client.token_endpoint_auth_method === 'private_key_jwt' && !hasJwks && !client.jwks_uri) {
    throw new InvalidClientMetadata(
      'Field token_endpoint_auth_method is "private_key_jwt", but neither jwks nor jwks_uri is set, so no assertion could be verified. ' +
        'Set jwks_uri to the URL of your public keys, or jwks to {"keys": [<public JWK>]}.',
    );
  }
};

const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'];

/** Keys registered for a client are its public keys; a private or symmetric member means a leaked secret. */
export const checkJwks: ClientCheck = ({ client }) => {
  const keys: unknown = client.jwks.keys;
  if (keys === undefined) return;
  if (!Array.isArray(keys)) throw new InvalidClientMetadata(`Field jwks.keys must be an array of JWKs, but is ${show(keys)}.`);
  keys.forEach((key: unknown, i) => {
    if (typeof key !== 'object' || key === null || typeof (key as { kty?: unknown }).kty !== 'string') {
      throw new InvalidClientMetadata(`Field jwks.keys[${i}] must be a JWK object with a "kty" member (RFC 7517 §4.1).`);
    }
    const secret = PRIVATE_JWK_MEMBERS.find((m) => m in key);
    if (secret) {
      throw new InvalidClientMetadata(
        `Field jwks.keys[${i}] contains the private member "${secret}". Register only the public key, and replace this key pair: it has been shared.`,
      );
    }
  });
};

/**
 * A caller-chosen secret: at least 6 characters (Hydra's rule), and only for methods that use one.
 * Generated secrets (256 bits) are better, so every message recommends leaving it out.
 */
export const checkSecret: ClientCheck = ({ client, secret }) => {
  if (secret === undefined) return;
  const method = client.token_endpoint_auth_method;
  if (method === 'none' || method === 'private_key_jwt') {
    throw new InvalidClientMetadata(
      `Field client_secret is set, but token_endpoint_auth_method "${method}" does not use a secret. Remove client_secret, or use client_secret_basic.`,
    );
  }
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new InvalidClientMetadata(
      `Field client_secret must contain a secret that is at least ${MIN_SECRET_LENGTH} characters long, but has ${secret.length}. ` +
        'Better: leave client_secret out and Olympus generates a 256-bit secret, returned once in the response.',
    );
  }
};

/** RFC 7523 §2.2 assertions are signatures by the client's own keys: asymmetric algorithms only. */
export const checkAssertionAlg: ClientCheck = ({ client }) => {
  const alg = client.token_endpoint_auth_signing_alg;
  if (alg === '' || ASSERTION_ALGS.includes(alg)) return;
  throw new InvalidClientMetadata(
    `Field token_endpoint_auth_signing_alg is ${show(alg)}, but private_key_jwt assertions must use one of ${ASSERTION_ALGS.join(', ')}; or leave it empty to accept any of them.`,
  );
};

/**
 * The FetchJwks the composition root puts into the OAuth2 context: a client's jwks_uri fetched
 * through the SSRF-guarded GET, then checked to be a JWK Set (RFC 7517 §5). Caching is the core's
 * (client-auth/remote-jwks.ts).
 */
import type { OlympusConfig } from '@olympus/config';
import { JwksUnavailable, type FetchJwks } from '@olympus/oauth2';
import { OutboundFailure } from './failure.ts';
import { guardedGet, type OutboundLimits } from './guarded-get.ts';
import { outboundPolicy } from './policy.ts';

type JSONWebKeySet = Awaited<ReturnType<FetchJwks>>;

export const JWKS_FETCH_LIMITS: OutboundLimits = { timeoutMs: 3000, maxBytes: 64 * 1024 };

const isJwkSet = (doc: unknown): doc is JSONWebKeySet => {
  const keys = (doc as { keys?: unknown } | null)?.keys;
  return Array.isArray(keys) && keys.every((k) => typeof k === 'object' && k !== null && typeof (k as { kty?: unknown }).kty === 'string');
};

const parseJwkSet = (body: Buffer): JSONWebKeySet => {
  let doc: unknown;
  try {
    doc = JSON.parse(body.toString('utf8'));
  } catch {
    throw new JwksUnavailable('answered with a body that is not JSON; it must serve a JWK Set such as {"keys": [...]}');
  }
  if (!isJwkSet(doc)) {
    throw new JwksUnavailable('answered with JSON that is not a JWK Set: it needs a "keys" array of JWKs, each with "kty" (RFC 7517 §5)');
  }
  return { keys: doc.keys };
};

export const createJwksFetcher = (config: Pick<OlympusConfig, 'dev' | 'clients'>, limits: OutboundLimits = JWKS_FETCH_LIMITS): FetchJwks => {
  const policy = outboundPolicy(config);
  return async (uri) => {
    if (!URL.canParse(uri)) throw new JwksUnavailable('is not an absolute URL');
    try {
      return parseJwkSet(await guardedGet(new URL(uri), policy, limits));
    } catch (err) {
      throw err instanceof OutboundFailure ? new JwksUnavailable(err.message) : err;
    }
  };
};

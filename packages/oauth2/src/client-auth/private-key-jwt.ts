import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose';
import type { OAuth2Client } from '../clients/client.ts';
import type { OAuth2Context } from '../context.ts';
import { InvalidRequest } from '../errors.ts';
import { ASYMMETRIC_ALGS, assertionRejected, isUnknownKeyFailure } from './assertion-rejected.ts';
import { clientKeys, refetchedClientKeys, type ClientKeys } from './client-keys.ts';
import { assertionAudiences } from './endpoints.ts';
import { clientAuthFailed, type ClientAuthMethod, type ClientAuthRequest } from './method.ts';

export const JWT_BEARER_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** An assertion may live at most one hour: long-lived assertions defeat jti replay protection (AS-29). */
const MAX_LIFETIME_S = 3600;
const CLOCK_SKEW_S = 30;

/** The key set as jose reads it; never hand-rolled key selection. */
const keySetOf = (keys: ClientKeys): ReturnType<typeof createLocalJWKSet> => {
  try {
    return createLocalJWKSet(keys.jwks);
  } catch (err) {
    throw clientAuthFailed(`The key set in ${keys.source} is not a valid JWK Set (RFC 7517 §5).`, String(err));
  }
};

const verifyWith = async (ctx: OAuth2Context, client: OAuth2Client, assertion: string, req: ClientAuthRequest, keys: ClientKeys): Promise<JWTPayload> => {
  const { payload } = await jwtVerify(assertion, keySetOf(keys), {
    issuer: client.client_id,
    subject: client.client_id,
    audience: assertionAudiences(ctx.config, req.endpointUrl),
    algorithms: client.token_endpoint_auth_signing_alg ? [client.token_endpoint_auth_signing_alg] : ASYMMETRIC_ALGS,
    requiredClaims: ['exp', 'jti'],
    currentDate: new Date(ctx.now()),
    clockTolerance: CLOCK_SKEW_S,
  });
  return payload;
};

const kidOf = (assertion: string): string | undefined => {
  try {
    const { kid } = decodeProtectedHeader(assertion);
    return typeof kid === 'string' ? kid : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Verifies the assertion with the client's keys. A kid missing from keys fetched from jwks_uri
 * means the client may have rotated: get the set again (refetches are rate-limited) and retry once.
 */
const verifyAssertion = async (ctx: OAuth2Context, client: OAuth2Client, assertion: string, req: ClientAuthRequest): Promise<JWTPayload> => {
  const kid = kidOf(assertion);
  const keys = await clientKeys(ctx, client);
  try {
    return await verifyWith(ctx, client, assertion, req, keys);
  } catch (err) {
    if (!keys.remote || !isUnknownKeyFailure(err, kid, keys)) throw assertionRejected(err, ctx, client, keys, kid);
    const rotated = await refetchedClientKeys(ctx, client);
    try {
      return await verifyWith(ctx, client, assertion, req, rotated);
    } catch (again) {
      throw assertionRejected(again, ctx, client, rotated, kid);
    }
  }
};

/** A JWT signed with the client's private key (RFC 7523 §2.2, §3; OIDC Core §9). */
export const privateKeyJwt: ClientAuthMethod = {
  howToSend: `send a client_assertion signed with a key from the client's jwks or jwks_uri and client_assertion_type=${JWT_BEARER_ASSERTION_TYPE}`,

  isUsedBy: (req) => req.body.client_assertion !== undefined || req.body.client_assertion_type !== undefined,

  read(req) {
    if (req.body.client_assertion_type !== JWT_BEARER_ASSERTION_TYPE) {
      throw new InvalidRequest(`client_assertion_type must be "${JWT_BEARER_ASSERTION_TYPE}".`, {
        hint: `The request sent client_assertion_type "${req.body.client_assertion_type ?? ''}" (RFC 7523 §2.2).`,
      });
    }
    const assertion = req.body.client_assertion ?? '';
    let subject: unknown;
    try {
      subject = decodeJwt(assertion).sub;
    } catch {
      throw new InvalidRequest('The client_assertion is not a JWT.', { hint: 'Send a signed JWT in client_assertion (RFC 7523 §2.2).' });
    }
    const clientId = req.body.client_id ?? (typeof subject === 'string' ? subject : '');
    if (!clientId) {
      throw new InvalidRequest('The client_assertion names no client.', { hint: 'Set sub (and iss) to the client_id (RFC 7523 §3).' });
    }
    return { clientId, assertion };
  },

  async verify(ctx, stored, presented, req) {
    const client = stored.client;
    const payload = await verifyAssertion(ctx, client, presented.assertion ?? '', req);
    const exp = payload.exp as number;
    if (exp - Math.floor(ctx.now() / 1000) > MAX_LIFETIME_S + CLOCK_SKEW_S) {
      throw clientAuthFailed('The client assertion expires more than one hour from now; use a short-lived assertion.');
    }
    // AS-29: a jti is accepted once until the assertion expires.
    if (!(await ctx.storage.jtis.consumeJti(client.client_id, String(payload.jti), exp * 1000))) {
      throw clientAuthFailed('The client assertion was already used: sign a new one with a fresh jti for every request (RFC 7523 §3).');
    }
  },
};

import { createLocalJWKSet, decodeJwt, errors, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import type { OAuth2Client } from '../clients/client.ts';
import type { OAuth2Context } from '../context.ts';
import { InvalidRequest } from '../errors.ts';
import { endpointsOf } from '../endpoints.ts';
import { assertionAudiences } from './endpoints.ts';
import { clientAuthFailed, type ClientAuthMethod, type ClientAuthRequest } from './method.ts';

export const JWT_BEARER_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/**
 * Asymmetric algorithms only, as discovery advertises: client_secret_jwt (HMAC) is not offered,
 * since secrets are stored hashed (AS-27).
 */
const ASYMMETRIC_ALGS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'];
/** An assertion may live at most one hour: long-lived assertions defeat jti replay protection (AS-29). */
const MAX_LIFETIME_S = 3600;
const CLOCK_SKEW_S = 30;

const clientKeySet = (client: OAuth2Client): ReturnType<typeof createLocalJWKSet> => {
  const keys = client.jwks?.keys ?? [];
  if (keys.length === 0) {
    throw clientAuthFailed(
      client.jwks_uri
        ? `Client "${client.client_id}" registers its keys by jwks_uri, which Olympus does not fetch yet: register them inline in jwks.`
        : `Client "${client.client_id}" uses private_key_jwt but has no keys in jwks.`,
    );
  }
  try {
    return createLocalJWKSet({ keys } as JSONWebKeySet);
  } catch (err) {
    throw clientAuthFailed(`The jwks registered for client "${client.client_id}" is not a valid JWK Set.`, String(err));
  }
};

/** Turns jose's verification failure into a hint that names the claim at fault. */
const assertionRejected = (err: unknown, ctx: OAuth2Context, client: OAuth2Client): Error => {
  const debug = err instanceof Error ? err.message : String(err);
  if (err instanceof errors.JWTExpired) return clientAuthFailed('The client assertion has expired.', debug);
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === 'aud') {
      return clientAuthFailed(
        `The client assertion's aud must contain the token endpoint URL "${endpointsOf(ctx.config).token}" or the issuer "${ctx.config.urls.issuer}".`,
        debug,
      );
    }
    if (err.claim === 'iss' || err.claim === 'sub') {
      return clientAuthFailed(`The client assertion's iss and sub must both be the client_id "${client.client_id}" (RFC 7523 §3).`, debug);
    }
    return clientAuthFailed(`The client assertion's "${err.claim}" claim is invalid: ${err.reason} (RFC 7523 §3).`, debug);
  }
  if (err instanceof errors.JOSEAlgNotAllowed) {
    const expected = client.token_endpoint_auth_signing_alg || ASYMMETRIC_ALGS.join(', ');
    return clientAuthFailed(`The client assertion is signed with an algorithm the client may not use; expected ${expected}.`, debug);
  }
  if (err instanceof errors.JWKSNoMatchingKey || err instanceof errors.JWSSignatureVerificationFailed) {
    return clientAuthFailed("The client assertion's signature does not verify with any key in the client's jwks.", debug);
  }
  return clientAuthFailed('The client assertion is not a valid signed JWT.', debug);
};

const verifyAssertion = async (ctx: OAuth2Context, client: OAuth2Client, assertion: string, req: ClientAuthRequest): Promise<JWTPayload> => {
  const keySet = clientKeySet(client);
  try {
    const { payload } = await jwtVerify(assertion, keySet, {
      issuer: client.client_id,
      subject: client.client_id,
      audience: assertionAudiences(ctx.config, req.endpointUrl),
      algorithms: client.token_endpoint_auth_signing_alg ? [client.token_endpoint_auth_signing_alg] : ASYMMETRIC_ALGS,
      requiredClaims: ['exp', 'jti'],
      currentDate: new Date(ctx.now()),
      clockTolerance: CLOCK_SKEW_S,
    });
    return payload;
  } catch (err) {
    throw assertionRejected(err, ctx, client);
  }
};

/** A JWT signed with the client's private key (RFC 7523 §2.2, §3; OIDC Core §9). */
export const privateKeyJwt: ClientAuthMethod = {
  howToSend: `send a client_assertion signed with a key from the client's jwks and client_assertion_type=${JWT_BEARER_ASSERTION_TYPE}`,

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

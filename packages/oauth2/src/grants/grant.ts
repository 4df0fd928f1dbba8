import type { OAuth2Client } from '../clients/client.ts';
import type { OAuth2Context } from '../context.ts';
import { InvalidGrant, OAuth2Error } from '../errors.ts';
import type { TokenResponse } from '../tokens/issue.ts';
import type { AuthorizationCodeRecord, Consumed, GrantSession, RefreshTokenRecord } from '../tokens/records.ts';

/**
 * What a grant found of the code or refresh token it was given: the flow tracer's evidence of a
 * refused exchange (trace-grant-facts.ts) reads it, so explaining a refusal costs no second lookup.
 */
export interface GrantSeen {
  /** What consuming the code answered; absent when no code was looked up. */
  code?: Consumed<AuthorizationCodeRecord>;
  /** The refresh token looked up (record absent: unknown), and when its family was revoked for reuse. */
  refresh?: { record?: RefreshTokenRecord; familyRevokedAt?: number };
}

/** A token request after client authentication. */
export interface TokenRequest {
  /** The form parameters (RFC 6749 §4.1.3, §4.4.2, §6). */
  params: Record<string, string>;
  client: OAuth2Client;
  /** The HTTP request's id: the trace id of requests that continue no authorization flow. */
  requestId: string;
  /** Filled in by the grant as it goes; read only by the flow tracer. */
  seen?: GrantSeen;
}

export interface GrantResult {
  response: TokenResponse;
  /** The session the tokens carry, for the decision log line. */
  session: GrantSession;
}

/** One grant type at the token endpoint (RFC 6749 §4). */
export interface GrantHandler {
  handle(ctx: OAuth2Context, request: TokenRequest): Promise<GrantResult>;
}

/** RFC 6749 §5.2's description of invalid_grant; the hint names the one reason that applied. */
export const INVALID_GRANT_DESCRIPTION =
  'The provided authorization grant (e.g., authorization code, resource owner credentials) or refresh token is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.';

export const invalidGrant = (hint: string): InvalidGrant => new InvalidGrant(INVALID_GRANT_DESCRIPTION, { hint });

/**
 * Runs the checks of a request that belongs to a flow; a refusal carries the flow's trace id, so its
 * log line joins the chain from /oauth2/auth to the token exchange (docs/architecture.md §5).
 */
export const inFlow = async <T>(traceId: string, run: () => Promise<T> | T): Promise<T> => {
  try {
    return await run();
  } catch (err) {
    if (err instanceof OAuth2Error && err.traceId === undefined) err.traceId = traceId || undefined;
    throw err;
  }
};

/**
 * The flow tracer's evidence of what a grant found (docs/operations/tracing.md): for the code
 * exchange, the code's state and PKCE — was a challenge registered, a verifier sent, did it match —
 * and whether a replayed code revoked its grant's tokens (RFC 6749 §4.1.2); for the refresh grant, the
 * token's state, its first use and when its family was revoked for reuse (RFC 9700 §4.14.2). Read from
 * what the grant already loaded (grant.ts GrantSeen): never a second lookup, never a value.
 */
import type { OAuth2Client } from '../clients/client.ts';
import type { GrantSeen } from './grant.ts';
import { verifierMatches } from './pkce.ts';
import type { AuthorizationCodeRecord } from '../tokens/records.ts';

const iso = (epochMs: number | null | undefined): string | null => (epochMs === null || epochMs === undefined ? null : new Date(epochMs).toISOString());

/** Why a code that was found and consumed now could still be refused; `valid` when the code itself was fine. */
const consumedCodeState = (code: AuthorizationCodeRecord, clientId: string | undefined, params: Record<string, string>, now: number): string => {
  if (code.expiresAt <= now) return 'expired';
  if (clientId !== undefined && code.session.clientId !== clientId) return 'client_mismatch';
  const sent = params.redirect_uri;
  if (sent === undefined ? code.redirectUriSent : sent !== code.redirectUri) return 'redirect_uri_mismatch';
  return 'valid';
};

const pkceFacts = (code: AuthorizationCodeRecord | undefined, verifier: string | undefined): Record<string, unknown> => ({
  challenge_registered: code === undefined ? null : Boolean(code.codeChallenge),
  method: code?.codeChallengeMethod || null,
  verifier_present: Boolean(verifier),
  matched: code?.codeChallenge && verifier ? verifierMatches(code.codeChallenge, verifier) : null,
});

/** The authorization code's facts; empty when the request never got as far as looking the code up. */
export const codeFacts = (seen: GrantSeen, clientId: string | undefined, params: Record<string, string>, now: number): Record<string, unknown> => {
  const outcome = seen.code;
  if (outcome === undefined) return {};
  const code = outcome.status === 'not_found' ? undefined : outcome.record;
  const state = outcome.status === 'not_found' ? 'unknown' : outcome.status === 'already_used' ? 'used' : consumedCodeState(outcome.record, clientId, params, now);
  return {
    pkce: pkceFacts(code, params.code_verifier),
    code_state: state,
    code_first_used_at: outcome.status === 'already_used' ? iso(outcome.record.usedAt) : null,
    // consumeCode revokes the grant whenever a used code comes back (AS-11).
    revoked_on_reuse: outcome.status === 'already_used',
  };
};

/** The refresh token's facts; empty when the request never got as far as looking the token up. */
export const refreshFacts = (seen: GrantSeen, now: number): Record<string, unknown> => {
  const found = seen.refresh;
  if (found === undefined) return {};
  const { record, familyRevokedAt } = found;
  const state = record === undefined ? 'unknown'
    : familyRevokedAt !== undefined ? 'spent'
    : record.revokedAt !== null ? 'revoked'
    : record.expiresAt !== null && record.expiresAt <= now ? 'expired'
    : 'valid';
  return {
    refresh_state: state,
    first_used_at: iso(record?.usedAt),
    family_revoked_at: iso(familyRevokedAt ?? record?.revokedAt),
  };
};

/** The names of the claims the ID token carries from the consent (never their values). */
export const idTokenClaimNames = (claims: Record<string, unknown>): string[] => Object.keys(claims);

export const registeredGrantTypes = (client: OAuth2Client | undefined): string[] | null => (client === undefined ? null : [...client.grant_types]);

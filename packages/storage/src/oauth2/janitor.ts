/**
 * The janitor (Hydra's `hydra janitor`): deletes rows that can no longer change any answer the server
 * gives, in small batches. What each sweep deletes, and why that is safe, is said next to it;
 * docs/operations/janitor.md says the same for operators.
 */
import type { JanitorCounts, JanitorOptions, JanitorSelection, JanitorStore } from '@olympus/oauth2';
import type { Db } from '../db/types.ts';
import { deleteInBatches, type Sweep } from './batch-delete.ts';

interface Step {
  kind: keyof JanitorSelection;
  count: keyof JanitorCounts;
  sweep: (before: number) => Sweep;
}

/**
 * Past its expiry a code or access token is refused whatever its row says. A code replayed after
 * that reads as unknown rather than revoking its grant (RFC 6749 §4.1.2), but a code lives ≤ 10 min
 * and its replay is refused either way.
 */
const expired = (table: string) => (before: number): Sweep =>
  ({ table, key: ['signature'], where: 'expires_at < ?', params: [before] });

/**
 * Refresh tokens. A used refresh token is the tripwire of rotation (RFC 9700 §4.14.2): presented
 * again, it revokes its whole family. Deleting it early would turn that replay into "unknown token"
 * and leave the family alive. So a refresh token row is deleted only when
 * - it expired: it is refused anyway. Its replay then stops tripping the family (a known trade-off,
 *   as in Hydra, which keeps refresh tokens for their lifespan): detection lasts the token's lifetime;
 * - or its grant was revoked (reuse, code replay, consent or RFC 7009 revocation): every token of the
 *   family is already dead, and the oauth2_revoked_grants marker, which the janitor never deletes,
 *   makes any token still being minted for that grant born revoked. Nothing is left to trip.
 * A used or revoked token of a live grant stays until it expires; one without expiry stays as long
 * as its grant lives.
 */
const expiredRefreshTokens = expired('oauth2_refresh_tokens');
const refreshTokensOfRevokedGrants = (before: number): Sweep => ({
  table: 'oauth2_refresh_tokens',
  key: ['signature'],
  where: 'grant_id IN (SELECT grant_id FROM oauth2_revoked_grants WHERE revoked_at < ?)',
  params: [before],
});

/** Login/consent requests that never reached consent_used: past expiry their challenges and verifiers are refused. */
const unfinishedFlows = (before: number): Sweep => ({
  table: 'oauth2_flows',
  key: ['id'],
  where: "state <> 'consent_used' AND expires_at < ?",
  params: [before],
});

/** A session past expiry or revoked is never current again; every lookup treats a missing session like an ended one. */
const endedAuthSessions = (before: number): Sweep => ({
  table: 'oauth2_authentication_sessions',
  key: ['id'],
  where: 'expires_at < ? OR revoked_at < ?',
  params: [before, before],
});

/**
 * Consent sessions (flows in consent_used) that are revoked, or whose remember window closed (or
 * that were never remembered), so they no longer make consent skip — and only once no code or token
 * points at them any more: consent revocation finds a grant's tokens through its flow, so a flow
 * with tokens left stays. The flow must also be past its own expiry, so a code cannot still be on
 * its way to being inserted for it. Remembered forever (`remember_for: 0`) and unrevoked: kept.
 */
const endedConsentSessions = (before: number): Sweep => ({
  table: 'oauth2_flows',
  key: ['id'],
  where: `state = 'consent_used' AND expires_at < ?
    AND (revoked_at < ? OR remember = ? OR remember_until < ?)
    AND NOT EXISTS (SELECT 1 FROM oauth2_authorization_codes t WHERE t.flow_id = oauth2_flows.id)
    AND NOT EXISTS (SELECT 1 FROM oauth2_access_tokens t WHERE t.flow_id = oauth2_flows.id)
    AND NOT EXISTS (SELECT 1 FROM oauth2_refresh_tokens t WHERE t.flow_id = oauth2_flows.id)`,
  params: [before, before, false, before],
});

/**
 * Client-assertion ids (RFC 7523 §3 item 7). Assertions are accepted up to 30 s of clock skew past
 * their `exp`, which is what the row stores; a jti deleted inside that tolerance could be replayed.
 * So jtis stay a generous margin past expiry, covering that skew and other nodes' clocks.
 */
export const JTI_REPLAY_MARGIN_MS = 5 * 60_000;
const expiredJtis = (before: number): Sweep => ({
  table: 'oauth2_jtis',
  key: ['client_id', 'jti'],
  where: 'expires_at < ?',
  params: [before - JTI_REPLAY_MARGIN_MS],
});

/** In this order: tokens go before consent sessions, which wait for their tokens to be gone. */
const STEPS: readonly Step[] = [
  { kind: 'tokens', count: 'codes', sweep: expired('oauth2_authorization_codes') },
  { kind: 'tokens', count: 'accessTokens', sweep: expired('oauth2_access_tokens') },
  { kind: 'tokens', count: 'refreshTokens', sweep: expiredRefreshTokens },
  { kind: 'tokens', count: 'refreshTokens', sweep: refreshTokensOfRevokedGrants },
  { kind: 'requests', count: 'flows', sweep: unfinishedFlows },
  { kind: 'requests', count: 'authSessions', sweep: endedAuthSessions },
  { kind: 'grants', count: 'flows', sweep: endedConsentSessions },
  { kind: 'jtis', count: 'jtis', sweep: expiredJtis },
];

/** Shared with the identity janitor (identity/janitor.ts). */
export const checkJanitorOptions = ({ before, limit, batchSize }: Omit<JanitorOptions, 'what'>): void => {
  if (!Number.isSafeInteger(before)) throw new RangeError(`janitor: before must be epoch milliseconds, got ${before}`);
  if (!Number.isSafeInteger(limit) || limit < 0) throw new RangeError(`janitor: limit must be a whole number ≥ 0, got ${limit}`);
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new RangeError(`janitor: batchSize must be a whole number ≥ 1, got ${batchSize}`);
};

export const sqlJanitorStore = (db: Db): JanitorStore => ({
  /** Up to `limit` rows per count; a later step of the same count gets what the earlier ones left. */
  async deleteExpired(opts) {
    checkJanitorOptions(opts);
    const counts: JanitorCounts = { codes: 0, accessTokens: 0, refreshTokens: 0, flows: 0, jtis: 0, authSessions: 0 };
    for (const step of STEPS) {
      const budget = opts.limit - counts[step.count];
      if (!opts.what[step.kind] || budget <= 0) continue;
      counts[step.count] += await deleteInBatches(db, step.sweep(opts.before), budget, opts.batchSize);
    }
    return counts;
  },
});

import type { Flow } from '@olympus/oauth2';
import type { SqlValue } from '../db/types.ts';

/**
 * The flow's lookup columns, derived from the object on every write so they never drift from `data`.
 * Order matches FLOW_COLUMNS.
 */
export const FLOW_COLUMNS = [
  'state', 'client_id', 'subject', 'login_session_id', 'login_challenge', 'login_verifier', 'consent_challenge',
  'consent_verifier', 'remember', 'remember_until', 'handled_at', 'requested_at', 'expires_at', 'data',
] as const;

export const flowColumnValues = (flow: Flow): SqlValue[] => [
  flow.state,
  flow.clientId,
  flow.login?.subject || flow.skipSubject || null,
  flow.login?.sessionId || null,
  flow.loginChallenge,
  flow.loginVerifier,
  flow.consentChallenge,
  flow.consentVerifier,
  flow.consent?.remember ?? false,
  rememberUntil(flow),
  flow.consent?.handledAt ?? null,
  flow.requestedAt,
  flow.expiresAt,
  flow,
];

/** End of the consent's remember window; null = remembered forever (`remember_for: 0`). */
const rememberUntil = ({ consent }: Flow): number | null =>
  consent !== null && consent.remember && consent.rememberFor > 0 ? consent.handledAt + consent.rememberFor * 1000 : null;

export interface FlowRow {
  data: Flow;
  revoked_at: number | null;
}

/** `revoked_at` changes without rewriting `data`, so the column is the truth. */
export const flowFromRow = (row: FlowRow): Flow => ({ ...row.data, revokedAt: row.revoked_at });

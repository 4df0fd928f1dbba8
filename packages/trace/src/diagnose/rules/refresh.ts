/**
 * A refresh token used twice (RFC 9700 §4.14.2, refresh token rotation): the second use revokes the
 * whole family, so every token issued from it stops working. The trace says when the token was first
 * used and when the family was revoked.
 */
import { shown, textAt } from '../read-evidence.ts';
import { failure, line, type FailureRule } from '../rule.ts';

export const refreshTokenReused: FailureRule = (event) => {
  if (event.stop !== 'refresh' || textAt(event, 'refresh_state') !== 'spent') return undefined;
  const revokedAt = textAt(event, 'family_revoked_at');
  return failure(event, 'refresh_token_reused', {
    summary: `A refresh token was used a second time${revokedAt === undefined ? '' : `; its whole family was revoked at ${revokedAt}`}.`,
    evidence: [line('refresh token state', 'spent'), line('first used at', shown(textAt(event, 'first_used_at'))), line('family revoked at', shown(revokedAt))],
    fix: 'Store the new refresh token every refresh returns before using it again, and refresh once at a time: share one in-flight refresh between tabs, workers and retries (a lock or a single token service). The user must sign in again; the revoked family cannot be revived.',
  });
};

import type { GrantSession } from '@olympus/oauth2';
import type { SqlValue } from '../db/types.ts';

/** grant_id, flow_id, client_id of a token row; no flow (client_credentials) is NULL, outside the flow index. */
export const grantColumns = (session: GrantSession): SqlValue[] => [
  session.grantId,
  session.flowId === '' ? null : session.flowId,
  session.clientId,
];

/**
 * A token inserted for a grant that was revoked meanwhile is born revoked: a refresh racing a
 * revocation (or a code replay) cannot leave an active token behind (Keycloak #51312).
 * Binds: the record's own revokedAt, then the grant id.
 */
export const REVOKED_AT_ON_INSERT = 'COALESCE(?, (SELECT revoked_at FROM oauth2_revoked_grants WHERE grant_id = ?))';

import type { TokenStore } from '@olympus/oauth2';
import { placeholderList } from '../db/params.ts';
import type { Db } from '../db/types.ts';

type RevocationStore = Pick<TokenStore, 'revokeGrant' | 'revokeFlows'>;

/** Keeps every statement well under both databases' bind-parameter limits. */
const CHUNK = 500;

const chunks = <T>(items: readonly T[]): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
};

/**
 * Revokes whole grants: codes are marked used, access and refresh tokens revoked, and the grant is
 * recorded so tokens still being minted for it are born revoked (grant-columns.ts).
 */
const revokeGrants = async (tx: Db, grantIds: readonly string[], now: number): Promise<void> => {
  for (const ids of chunks([...new Set(grantIds)])) {
    const list = placeholderList(ids.length);
    await tx.execute(
      `INSERT INTO oauth2_revoked_grants (grant_id, revoked_at) VALUES ${ids.map(() => '(?, ?)').join(', ')}
       ON CONFLICT (grant_id) DO NOTHING`,
      ids.flatMap((id) => [id, now]),
    );
    await tx.execute(`UPDATE oauth2_authorization_codes SET used_at = ? WHERE grant_id IN (${list}) AND used_at IS NULL`, [now, ...ids]);
    await tx.execute(`UPDATE oauth2_access_tokens SET revoked_at = ? WHERE grant_id IN (${list}) AND revoked_at IS NULL`, [now, ...ids]);
    await tx.execute(`UPDATE oauth2_refresh_tokens SET revoked_at = ? WHERE grant_id IN (${list}) AND revoked_at IS NULL`, [now, ...ids]);
  }
};

/** Every grant that issued a code or token from one of the flows. */
const grantsOfFlows = async (tx: Db, flowIds: readonly string[]): Promise<string[]> => {
  const grants: string[] = [];
  for (const ids of chunks(flowIds)) {
    const list = placeholderList(ids.length);
    const rows = await tx.query<{ grant_id: string }>(
      `SELECT grant_id FROM oauth2_authorization_codes WHERE flow_id IN (${list})
       UNION SELECT grant_id FROM oauth2_access_tokens WHERE flow_id IN (${list})
       UNION SELECT grant_id FROM oauth2_refresh_tokens WHERE flow_id IN (${list})`,
      [...ids, ...ids, ...ids],
    );
    for (const row of rows) grants.push(row.grant_id);
  }
  return grants;
};

/**
 * Revokes the grants, then sweeps them once more after the commit. Under PostgreSQL's READ
 * COMMITTED a token committed for the grant while the first transaction ran can escape it: its
 * insert did not see the uncommitted oauth2_revoked_grants row, and the UPDATEs' snapshots predate
 * it. Its minter re-checks the used token after its commit (the refresh grant); if that read came
 * before this commit it saw nothing revoked, so the token was committed before this commit, and
 * the sweep after the commit sees it. If the read came after, the minter revokes the grant itself.
 * On SQLite writers are serialised and the sweep finds nothing; it only runs on the rare paths
 * (reuse, replay, consent revocation).
 */
const revokeAndSweep = async (db: Db, grantIds: (tx: Db) => Promise<readonly string[]>, now: number): Promise<void> => {
  const ids = await db.transaction(async (tx) => {
    const found = await grantIds(tx);
    await revokeGrants(tx, found, now);
    return found;
  });
  if (ids.length > 0) await db.transaction((tx) => revokeGrants(tx, ids, now));
};

export const sqlRevocationStore = (db: Db): RevocationStore => ({
  /** Code replay (RFC 6749 §4.1.2) and refresh-token reuse (RFC 9700 §4.14.2) revoke the family. */
  revokeGrant: (grantId, now) => revokeAndSweep(db, async () => [grantId], now),

  /** Consent revocation: every token issued from these flows dies. */
  async revokeFlows(flowIds, now) {
    if (flowIds.length === 0) return;
    await revokeAndSweep(db, (tx) => grantsOfFlows(tx, flowIds), now);
  },
});

import type { AuthenticationSession, AuthenticationSessionStore } from '@olympus/oauth2';
import type { Db } from '../db/types.ts';

interface SessionRow {
  data: AuthenticationSession;
  revoked_at: number | null;
}

const fromRow = (row: SessionRow): AuthenticationSession => ({ ...row.data, revokedAt: row.revoked_at });

export const sqlAuthenticationSessionStore = (db: Db): AuthenticationSessionStore => ({
  async createAuthenticationSession(session) {
    await db.execute(
      'INSERT INTO oauth2_authentication_sessions (id, subject, expires_at, revoked_at, data) VALUES (?, ?, ?, ?, ?)',
      [session.id, session.subject, session.expiresAt, session.revokedAt, session],
    );
  },

  async getAuthenticationSession(id) {
    const rows = await db.query<SessionRow>('SELECT data, revoked_at FROM oauth2_authentication_sessions WHERE id = ?', [id]);
    return rows[0] === undefined ? undefined : fromRow(rows[0]);
  },

  /**
   * An upsert: the janitor may have deleted an expired row the caller just read, and the session must
   * not vanish. A revocation is never undone by a later write of an older copy of the session.
   */
  async updateAuthenticationSession(session) {
    await db.execute(
      `INSERT INTO oauth2_authentication_sessions (id, subject, expires_at, revoked_at, data) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET subject = excluded.subject, expires_at = excluded.expires_at,
         revoked_at = COALESCE(oauth2_authentication_sessions.revoked_at, excluded.revoked_at), data = excluded.data`,
      [session.id, session.subject, session.expiresAt, session.revokedAt, session],
    );
  },

  /** An already revoked session keeps its original revocation time. */
  async revokeAuthenticationSession(id, now) {
    const rows = await db.query<SessionRow>(
      'UPDATE oauth2_authentication_sessions SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ? RETURNING data, revoked_at',
      [now, id],
    );
    return rows[0] === undefined ? undefined : fromRow(rows[0]);
  },

  async revokeAuthenticationSessionsOfSubject(subject, now) {
    const rows = await db.query<SessionRow>(
      `UPDATE oauth2_authentication_sessions SET revoked_at = ? WHERE subject = ? AND revoked_at IS NULL
       RETURNING data, revoked_at`,
      [now, subject],
    );
    return rows.map(fromRow);
  },
});

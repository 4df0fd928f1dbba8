import type { JtiStore } from '@olympus/oauth2';
import type { Db } from '../db/types.ts';

export const sqlJtiStore = (db: Db): JtiStore => ({
  /**
   * A client assertion's jti is accepted once (RFC 7523 §3 item 7, docs/security.md AS-29):
   * the primary key makes the second INSERT a no-op, atomically across processes.
   */
  async consumeJti(clientId, jti, expiresAt) {
    const inserted = await db.execute(
      'INSERT INTO oauth2_jtis (client_id, jti, expires_at) VALUES (?, ?, ?) ON CONFLICT (client_id, jti) DO NOTHING',
      [clientId, jti, expiresAt],
    );
    return inserted === 1;
  },
});

import type { KeyStore, StoredKey } from '@olympus/oauth2';
import type { Db } from '../db/types.ts';

interface KeyRow {
  key_set: string;
  kid: string;
  alg: string;
  key_use: StoredKey['use'];
  public_jwk: Record<string, unknown>;
  private_sealed: string;
  created_at: number;
  activates_at: number;
}

const fromRow = (row: KeyRow): StoredKey => ({
  set: row.key_set,
  kid: row.kid,
  alg: row.alg,
  use: row.key_use,
  publicJwk: row.public_jwk,
  privateSealed: row.private_sealed,
  createdAt: row.created_at,
  activatesAt: row.activates_at,
});

export const sqlKeyStore = (db: Db): KeyStore => ({
  /** Oldest first; `seq` breaks ties between keys created in the same millisecond. */
  async listKeys(set) {
    const rows = await db.query<KeyRow>(
      `SELECT key_set, kid, alg, key_use, public_jwk, private_sealed, created_at, activates_at
       FROM oauth2_json_web_keys WHERE key_set = ? ORDER BY created_at, seq`,
      [set],
    );
    return rows.map(fromRow);
  },

  async listKeySets() {
    const rows = await db.query<{ key_set: string }>('SELECT DISTINCT key_set FROM oauth2_json_web_keys ORDER BY key_set');
    return rows.map((row) => row.key_set);
  },

  async addKey(key) {
    const inserted = await db.execute(
      `INSERT INTO oauth2_json_web_keys (key_set, kid, alg, key_use, public_jwk, private_sealed, created_at, activates_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key_set, kid) DO NOTHING`,
      [key.set, key.kid, key.alg, key.use, key.publicJwk, key.privateSealed, key.createdAt, key.activatesAt],
    );
    return inserted === 1;
  },

  async deleteKey(set, kid) {
    return (await db.execute('DELETE FROM oauth2_json_web_keys WHERE key_set = ? AND kid = ?', [set, kid])) === 1;
  },

  deleteKeySet: (set) => db.execute('DELETE FROM oauth2_json_web_keys WHERE key_set = ?', [set]),
});

import type { ClientPage, ClientStore, StoredClient } from '@olympus/oauth2';
import type { Db, SqlValue } from '../db/types.ts';
import { DecodedClients } from './client-rows.ts';

/** Keyset paging compares epoch milliseconds, so RFC 3339 strings in any offset order correctly. */
const createdAtMs = (createdAt: string): number => {
  const ms = Date.parse(createdAt);
  if (Number.isNaN(ms)) throw new RangeError(`created_at is not an RFC 3339 date: ${JSON.stringify(createdAt)}`);
  return ms;
};

const columnsOf = ({ client }: StoredClient): SqlValue[] => [
  client.client_name, client.owner, createdAtMs(client.created_at),
];

/** Tables whose rows belong to a client and go with it (Hydra deletes them by foreign-key cascade). */
const CLIENT_OWNED = ['oauth2_access_tokens', 'oauth2_refresh_tokens', 'oauth2_authorization_codes', 'oauth2_flows'];

export const sqlClientStore = (db: Db): ClientStore => {
  const decoded = new DecodedClients();
  return {
    async createClient(stored) {
      const changed = await db.execute(
        `INSERT INTO oauth2_clients (client_name, owner, created_at, client_id, data) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (client_id) DO NOTHING`,
        [...columnsOf(stored), stored.client.client_id, stored],
      );
      return changed === 1;
    },

    async getClient(id) {
      // The document as text (not decoded by the driver), so an unchanged client is not decoded again.
      const rows = await db.query<{ data: string }>('SELECT CAST(data AS TEXT) AS data FROM oauth2_clients WHERE client_id = ?', [id]);
      return rows[0] === undefined ? undefined : decoded.of(id, rows[0].data);
    },

    async updateClient(stored) {
      const changed = await db.execute(
        'UPDATE oauth2_clients SET client_name = ?, owner = ?, created_at = ?, data = ? WHERE client_id = ?',
        [...columnsOf(stored), stored, stored.client.client_id],
      );
      return changed === 1;
    },

    /** Deletes the client with its flows and tokens, so nothing it was issued keeps working. */
    deleteClient(id) {
      return db.transaction(async (tx) => {
        for (const table of CLIENT_OWNED) await tx.execute(`DELETE FROM ${table} WHERE client_id = ?`, [id]);
        return (await tx.execute('DELETE FROM oauth2_clients WHERE client_id = ?', [id])) === 1;
      });
    },

    async listClients(page: ClientPage) {
      const where: string[] = [];
      const params: SqlValue[] = [];
      if (page.clientName !== undefined) {
        where.push('client_name = ?');
        params.push(page.clientName);
      }
      if (page.owner !== undefined) {
        where.push('owner = ?');
        params.push(page.owner);
      }
      if (page.after !== undefined) {
        where.push('(created_at, client_id) > (?, ?)');
        params.push(createdAtMs(page.after.createdAt), page.after.id);
      }
      const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
      const rows = await db.query<{ data: StoredClient }>(
        `SELECT data FROM oauth2_clients ${filter} ORDER BY created_at, client_id LIMIT ?`,
        [...params, page.limit],
      );
      return rows.map((row) => row.data);
    },

    async countClients() {
      const rows = await db.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM oauth2_clients');
      return Number(rows[0]?.n ?? 0);
    },
  };
};

import type { SelfServiceFlow, SelfServiceFlowStore } from '@olympus/identity';
import type { Db, SqlValue } from '../db/types.ts';

/** The flow update, also run by sessions.ts together with the insert of the session a login issues. */
export const UPDATE_FLOW = 'UPDATE selfservice_flows SET expires_at = ?, data = ? WHERE id = ?';
export const updateFlowParams = (flow: SelfServiceFlow): SqlValue[] => [flow.expiresAt, flow, flow.id];

/**
 * Self-service flows (migration 0004): the whole flow is one JSON document; `kind` and
 * `expires_at` are columns for the janitor and for inspection.
 */
export const sqlSelfServiceFlowStore = (db: Db): SelfServiceFlowStore => ({
  async createFlow(flow) {
    await db.execute('INSERT INTO selfservice_flows (id, kind, expires_at, data) VALUES (?, ?, ?, ?)', [
      flow.id, flow.kind, flow.expiresAt, flow,
    ]);
  },

  async getFlow(id) {
    const rows = await db.query<{ data: SelfServiceFlow }>('SELECT data FROM selfservice_flows WHERE id = ?', [id]);
    return rows[0]?.data;
  },

  async updateFlow(flow) {
    await db.execute(UPDATE_FLOW, updateFlowParams(flow));
  },
});

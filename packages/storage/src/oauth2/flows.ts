import type { Flow, FlowState, FlowStore } from '@olympus/oauth2';
import type { Db, SqlValue } from '../db/types.ts';
import { FLOW_COLUMNS, flowColumnValues, flowFromRow, type FlowRow } from './flow-columns.ts';
import { updateChangedFlowColumns } from './flow-update.ts';

const INSERT_FLOW = `INSERT INTO oauth2_flows (id, revoked_at, ${FLOW_COLUMNS.join(', ')})
  VALUES (?, ?, ${FLOW_COLUMNS.map(() => '?').join(', ')})`;

/** Compare-and-set on `state`; a revocation that raced in stays (COALESCE keeps it). */
const UPDATE_FLOW = `UPDATE oauth2_flows SET revoked_at = COALESCE(revoked_at, ?), ${FLOW_COLUMNS.map((c) => `${c} = ?`).join(', ')}
  WHERE id = ? AND state = ?`;

const SELECT = 'SELECT data, revoked_at FROM oauth2_flows';

/** Granted consents: the literal state lets both databases use the partial index. */
const GRANTED = "state = 'consent_used' AND revoked_at IS NULL AND subject = ?";

/**
 * Flows waiting for a UI. The term is spelled exactly as the partial index oauth2_flows_pending
 * (migration 0009) is: SQLite uses a partial index only when the query repeats its WHERE term.
 */
const PENDING = "state IN ('login_pending', 'consent_pending')";
const PENDING_STATE = { login: 'login_pending', consent: 'consent_pending' } as const;

/** Bounds what one consent-skip check reads; far more than a subject ever has open for one client. */
const MAX_REMEMBERED = 100;

export const sqlFlowStore = (db: Db): FlowStore => {
  const one = async (column: string, value: string): Promise<Flow | undefined> => {
    const rows = await db.query<FlowRow>(`${SELECT} WHERE ${column} = ?`, [value]);
    return rows[0] === undefined ? undefined : flowFromRow(rows[0]);
  };

  const updateChanged = updateChangedFlowColumns(db);

  return {
    async createFlow(flow) {
      await db.execute(INSERT_FLOW, [flow.id, flow.revokedAt, ...flowColumnValues(flow)]);
    },
    getFlow: (id) => one('id', id),
    getFlowByLoginChallenge: (challenge) => one('login_challenge', challenge),
    getFlowByLoginVerifier: (verifier) => one('login_verifier', verifier),
    getFlowByConsentChallenge: (challenge) => one('consent_challenge', challenge),
    getFlowByConsentVerifier: (verifier) => one('consent_verifier', verifier),

    async updateFlow(flow, expected: FlowState, previous) {
      if (previous !== undefined) return updateChanged(flow, expected, previous);
      const changed = await db.execute(UPDATE_FLOW, [flow.revokedAt, ...flowColumnValues(flow), flow.id, expected]);
      return changed === 1;
    },

    /** The remember window is handledAt + rememberFor seconds; rememberFor 0 never closes. */
    async findRememberedConsent(subject, clientId, now, limit = MAX_REMEMBERED) {
      const rows = await db.query<FlowRow>(
        `${SELECT} WHERE ${GRANTED} AND client_id = ? AND remember = ? AND (remember_until IS NULL OR remember_until > ?)
         ORDER BY handled_at DESC, id DESC LIMIT ?`,
        [subject, clientId, true, now, Math.min(limit, MAX_REMEMBERED)],
      );
      return rows.map(flowFromRow);
    },

    /** Keyset paging, newest first: stable under inserts and deletes, unlike OFFSET; ties on handled_at break by id. */
    async listConsentSessions(subject, { loginSessionId, limit, before }) {
      const where = [GRANTED];
      const params: SqlValue[] = [subject];
      if (loginSessionId !== undefined) {
        where.push('login_session_id = ?');
        params.push(loginSessionId);
      }
      if (before !== undefined) {
        where.push('(handled_at, id) < (?, ?)');
        params.push(before.handledAt, before.id);
      }
      const rows = await db.query<FlowRow>(
        `${SELECT} WHERE ${where.join(' AND ')} ORDER BY handled_at DESC, id DESC LIMIT ?`,
        [...params, limit],
      );
      return rows.map(flowFromRow);
    },

    async revokeConsentSessions(subject, clientId, now) {
      const byClient = clientId === undefined ? '' : ' AND client_id = ?';
      const params = clientId === undefined ? [now, subject] : [now, subject, clientId];
      const rows = await db.query<{ id: string }>(
        `UPDATE oauth2_flows SET revoked_at = ? WHERE ${GRANTED}${byClient} RETURNING id`,
        params,
      );
      return rows.map((row) => row.id);
    },

    /** Newest first along the partial index; expired ones are skipped, and they are the oldest. */
    async listPendingFlows({ kind, now, limit, before }) {
      const where = [PENDING, 'expires_at > ?'];
      const params: SqlValue[] = [now];
      if (kind !== undefined) {
        where.push('state = ?');
        params.push(PENDING_STATE[kind]);
      }
      if (before !== undefined) {
        where.push('(requested_at, id) < (?, ?)');
        params.push(before.requestedAt, before.id);
      }
      const rows = await db.query<FlowRow>(
        `${SELECT} WHERE ${where.join(' AND ')} ORDER BY requested_at DESC, id DESC LIMIT ?`,
        [...params, limit],
      );
      return rows.map(flowFromRow);
    },

    async revokeConsentSession(subject, flowId, now) {
      const rows = await db.query<{ id: string }>(
        `UPDATE oauth2_flows SET revoked_at = ? WHERE ${GRANTED} AND id = ? RETURNING id`,
        [now, subject, flowId],
      );
      return rows.map((row) => row.id);
    },
  };
};

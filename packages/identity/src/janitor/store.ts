/**
 * The identity server's part of `olympus janitor`: which identity rows a run may delete, and how
 * many it did. The CLI maps Hydra's kinds onto these (apps/server/src/janitor.ts): `--requests`
 * selects flows and codes, `--tokens` selects sessions, and the courier only with `--courier`.
 */

/** Which kinds of identity rows a janitor run may delete. */
export interface IdentityJanitorSelection {
  /** Self-service flows (login, registration, settings, recovery, verification) past their expiry. */
  flows: boolean;
  /** One-time codes expired or used, and the submission counters of flows that are over. */
  codes: boolean;
  /** Sessions past their expiry, or deactivated (logged out, revoked) and issued before `before`. */
  sessions: boolean;
  /** Courier messages `sent` or `abandoned` (the outbox and dev inbox; off unless asked for). */
  courier: boolean;
}

export interface IdentityJanitorOptions {
  /** Epoch ms: only rows that expired (or were used, sent, deactivated) before this are deleted. */
  before: number;
  /** At most this many rows per count below in one run; 0 deletes nothing. */
  limit: number;
  /** Rows per DELETE statement; each statement is its own short transaction. */
  batchSize: number;
  what: IdentityJanitorSelection;
}

/** Rows deleted, per table. */
export interface IdentityJanitorCounts {
  selfServiceFlows: number;
  sessions: number;
  oneTimeCodes: number;
  codeSubmissions: number;
  courierMessages: number;
}

export interface IdentityJanitorStore {
  deleteExpired(opts: IdentityJanitorOptions): Promise<IdentityJanitorCounts>;
}

import type { SqlParams } from './types.ts';

export interface PendingInsert {
  sql: string;
  params: SqlParams;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Collects single-row inserts for one event-loop turn, then commits them together. Durability is
 * unchanged — every caller still waits for its commit — but N concurrent token requests cost one
 * commit instead of N. If the group fails (say, one duplicate key), each row is retried on its own
 * so only the faulty one is rejected.
 */
export class GroupCommit {
  readonly #flush: (batch: PendingInsert[]) => Promise<void>;
  readonly #single: (sql: string, params: SqlParams) => Promise<unknown>;
  #pending: PendingInsert[] = [];
  /** Groups being committed, so a shutdown can wait for them (flushed()). */
  readonly #draining = new Set<Promise<void>>();

  readonly #committed: ((rows: number) => void) | undefined;

  /** `committed` learns each group's size once it is durable (db/observer.ts). */
  constructor(flush: (batch: PendingInsert[]) => Promise<void>, single: (sql: string, params: SqlParams) => Promise<unknown>, committed?: (rows: number) => void) {
    this.#flush = flush;
    this.#single = single;
    this.#committed = committed;
  }

  add(sql: string, params: SqlParams): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ sql, params, resolve, reject });
      if (this.#pending.length === 1) setImmediate(() => this.#track(this.#drain()));
    });
  }

  #track(drain: Promise<void>): void {
    this.#draining.add(drain);
    const done = (): void => void this.#draining.delete(drain);
    drain.then(done, done);
  }

  /** Resolves once every row added so far is committed or refused: the last step before closing the database. */
  async flushed(): Promise<void> {
    while (this.#pending.length > 0 || this.#draining.size > 0) {
      if (this.#draining.size === 0) await new Promise((resolve) => setImmediate(resolve));
      else await Promise.allSettled([...this.#draining]);
    }
  }

  async #drain(): Promise<void> {
    const batch = this.#pending;
    this.#pending = [];
    try {
      if (batch.length === 1) await this.#single(batch[0].sql, batch[0].params);
      else await this.#flush(batch);
      this.#committed?.(batch.length);
      for (const row of batch) row.resolve();
    } catch (error) {
      if (batch.length === 1) return batch[0].reject(error);
      await Promise.all(batch.map((row) => this.#single(row.sql, row.params).then(row.resolve, row.reject)));
    }
  }
}

/**
 * `INSERT INTO t (…) VALUES (?, …)` repeated as one multi-row statement. Only for statements whose
 * text ends with the VALUES tuple (no ON CONFLICT, no RETURNING), which is what insertGrouped takes.
 */
export const multiRowInsert = (sql: string, rows: number): string => {
  const at = sql.search(/\bVALUES\s*\(/i);
  if (at < 0 || !sql.trimEnd().endsWith(')')) throw new Error(`insertGrouped needs a plain INSERT … VALUES (…): ${sql}`);
  const tuple = sql.slice(sql.indexOf('(', at)).trim();
  return `${sql.slice(0, at)}VALUES ${Array.from({ length: rows }, () => tuple).join(', ')}`;
};

/**
 * What /health/ready answers (docs/operations/observability.md): ready when the database answers
 * within READY_TIMEOUT_MS, no migration this build ships is pending, and the node is not draining.
 * Draining is a flag the shutdown sets first, so a load balancer stops sending requests before the
 * listener closes.
 */
import type { NotReady } from '@olympus/http';
import { migrationStatus, type Db } from '@olympus/storage';

/** A probe that hangs is as bad as a failed one: a database slower than this counts as unreachable. */
export const READY_TIMEOUT_MS = 2000;

export interface Readiness {
  check(): Promise<true | NotReady>;
  /** From now on the node answers 503 `{errors: {node: 'shutting down'}}`; it never becomes ready again. */
  setDraining(): void;
  readonly draining: boolean;
}

const withinTimeout = <T>(work: Promise<T>, ms: number): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms).unref();
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
};

export const createReadiness = (db: Db, timeoutMs = READY_TIMEOUT_MS): Readiness => {
  let draining = false;
  return {
    async check(): Promise<true | NotReady> {
      if (draining) return { node: 'shutting down' };
      let pending: number[];
      try {
        // Reading the migration table is also the database round trip.
        pending = (await withinTimeout(migrationStatus(db), timeoutMs)).filter((m) => !m.applied).map((m) => m.version);
      } catch {
        return { database: 'The database is not reachable.' };
      }
      if (pending.length > 0) return { migrations: `${pending.length} migration(s) pending (${pending.join(', ')}); run \`olympus migrate up\`.` };
      return true;
    },
    setDraining() {
      draining = true;
    },
    get draining() {
      return draining;
    },
  };
};

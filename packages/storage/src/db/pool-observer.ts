import type pg from 'pg';
import type { DbObserver } from './observer.ts';

type ConnectCallback = (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void;

/**
 * Times every wait for a pooled connection and lets the observer read the pool's occupancy. pg-pool's
 * own `query` acquires through `this.connect`, so wrapping the instance's method sees every statement
 * and every transaction; without an observer the pool is left untouched.
 */
export const observePool = (pool: pg.Pool, observer: DbObserver): void => {
  const connect = pool.connect.bind(pool) as (cb?: ConnectCallback) => Promise<pg.PoolClient> | undefined;
  const timed = (cb?: ConnectCallback): Promise<pg.PoolClient> | undefined => {
    const started = performance.now();
    if (cb !== undefined) {
      return connect((err, client, done) => {
        observer.connectionWaited(performance.now() - started);
        cb(err, client, done);
      });
    }
    return connect()!.then((client) => {
      observer.connectionWaited(performance.now() - started);
      return client;
    });
  };
  pool.connect = timed as typeof pool.connect;
  observer.watchPool(() => ({
    max: pool.options.max ?? 10,
    inUse: pool.totalCount - pool.idleCount,
    idle: pool.idleCount,
    waiting: pool.waitingCount,
  }));
};

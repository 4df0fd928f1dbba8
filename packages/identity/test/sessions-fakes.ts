/** An IdentityContext over the real SQL stores with a settable clock, for the session and flow tests. */
import { defaultDevConfig, type OlympusConfig } from '@olympus/config';
import { KeyedHasher, Sealer } from '@olympus/crypto';
import type { Db } from '@olympus/storage';
import type { CourierMessage, CourierStore, IdentityContext, IdentityStore, SelfServiceFlowStore, SessionStore } from '../src/index.ts';
import { memoryStores } from './memory-stores.ts';

export interface Harness {
  ctx: IdentityContext;
  /** The migrated SQLite database in memory behind every store of `ctx.storage`. */
  db: Db;
  identities: IdentityStore;
  sessions: SessionStore;
  flows: SelfServiceFlowStore;
  clock: { now: number };
}

export const harness = (customize: (c: OlympusConfig) => OlympusConfig = (c) => c, secrets = ['a-system-secret-of-enough-length-0001']): Harness => {
  const { db, storage } = memoryStores();
  const clock = { now: Date.parse('2030-01-02T03:04:05Z') };
  const noop = () => {};
  const log = { trace: noop, debug: noop, info: noop, warn: noop, error: noop, child: () => log };
  const ctx = {
    config: customize(defaultDevConfig(process.cwd(), { publicUrl: 'http://127.0.0.1:4444' })),
    storage,
    hasher: new KeyedHasher(secrets),
    sealer: new Sealer(secrets),
    log,
    now: () => clock.now,
  } as unknown as IdentityContext;
  return { ctx, db, identities: storage.identities, sessions: storage.sessions, flows: storage.flows, clock };
};

/** The courier's store, also keeping in `sent` each message it stored, in order, for the test to read. */
export interface RecordingCourier extends CourierStore {
  /** Resolves once every message handed to enqueue so far is stored (or refused). */
  idle(): Promise<void>;
}

export const recordingCourier = (store: CourierStore, sent: CourierMessage[]): RecordingCourier => {
  const pending = new Set<Promise<void>>();
  return {
    ...store,
    enqueue(message) {
      const stored = store.enqueue(message).then(() => void sent.push(message));
      pending.add(stored);
      const settle = () => void pending.delete(stored);
      stored.then(settle, settle);
      return stored;
    },
    async idle() {
      await Promise.allSettled([...pending]);
    },
  };
};

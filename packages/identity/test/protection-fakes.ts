/**
 * An IdentityContext for the protection tests: the real counters (SQLite in memory, migration 0007)
 * under a settable clock, a log that keeps its lines, and a wait that records the delays instead of
 * sleeping.
 */
import { defaultDevConfig } from '@olympus/config';
import { KeyedHasher, Sealer } from '@olympus/crypto';
import { createIdentityStorage, type Db } from '@olympus/storage';
import type { IdentityContext, SelfServiceFlow } from '../src/index.ts';
import { openMemoryDatabase } from '../../../test/support/memory-database.ts';

export interface LogLine {
  level: string;
  fields: Record<string, unknown>;
  msg: string;
}

export interface ProtectionHarness {
  ctx: IdentityContext;
  clock: { now: number };
  delays: number[];
  wait: (ms: number) => Promise<void>;
  logs: LogLine[];
  db: Db;
}

export const protectionHarness = async (failures = 5, lockout = 15 * 60_000): Promise<ProtectionHarness> => {
  const db = await openMemoryDatabase();
  const clock = { now: Date.parse('2030-01-02T03:04:05Z') };
  const logs: LogLine[] = [];
  const at = (level: string) => (fields: Record<string, unknown> | string, msg = '') =>
    void logs.push(typeof fields === 'string' ? { level, fields: {}, msg: fields } : { level, fields, msg });
  const log = { trace: at('trace'), debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), child: () => log };
  const base = defaultDevConfig(process.cwd(), { publicUrl: 'http://127.0.0.1:4444' });
  const secrets = ['a-system-secret-of-enough-length-0001'];
  const ctx = {
    config: { ...base, protection: { loginFailuresBeforeLockout: failures, lockout } },
    storage: createIdentityStorage(db),
    hasher: new KeyedHasher(secrets),
    sealer: new Sealer(secrets),
    log,
    now: () => clock.now,
  } as unknown as IdentityContext;
  const delays: number[] = [];
  return { ctx, clock, delays, logs, db, wait: async (ms) => void delays.push(ms) };
};

let flows = 0;
/** Just what the guard reads of a flow. */
export const loginFlow = (overrides: Partial<SelfServiceFlow> = {}): SelfServiceFlow =>
  ({
    id: `flow-${++flows}`, kind: 'login', type: 'api', requestedAal: 'aal1', identityId: '',
    internal: { csrfToken: '', attempts: 0, traceId: 'trace-1' },
    ...overrides,
  }) as SelfServiceFlow;

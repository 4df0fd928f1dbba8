/**
 * Expired counters are deleted by the nodes themselves, a batch at a time and at most once per
 * interval per process, riding on a protection check: no janitor to schedule, and no cost on the
 * requests in between. A failed sweep is logged and retried at the next interval; it never fails the
 * request that triggered it.
 */
import type { IdentityContext } from '../context.ts';
import type { ProtectionStore } from './store.ts';

const SWEEP_INTERVAL_MS = 10 * 60_000;
const SWEEP_BATCH = 1000;

const lastSweep = new WeakMap<ProtectionStore, number>();

export const sweepExpiredCounters = async (ctx: IdentityContext): Promise<void> => {
  const store = ctx.storage.protection;
  const now = ctx.now();
  const last = lastSweep.get(store);
  if (last !== undefined && now - last < SWEEP_INTERVAL_MS) return;
  lastSweep.set(store, now);
  try {
    const deleted = await store.deleteExpired(now, SWEEP_BATCH);
    if (deleted > 0) ctx.log.debug({ deleted }, 'expired protection counters deleted');
  } catch (err) {
    ctx.log.warn({ err }, 'expired protection counters could not be deleted');
  }
};

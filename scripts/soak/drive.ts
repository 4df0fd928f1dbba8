/**
 * Two ways to drive the mix: closed loop (`workers` operations always in flight, as fast as the cluster
 * answers: the maximum) and open loop (operations started at a fixed rate whatever the answers, as real
 * traffic arrives: the soak). The open loop never lets more than MAX_IN_FLIGHT operations pile up.
 */
import { oneOperation, type MixFixtures, type RecordExchange } from './mix.ts';

const MAX_IN_FLIGHT = 400;

/** Operations per second the cluster completes with `workers` in flight for `seconds`. */
export const closedLoop = async (fixtures: MixFixtures, workers: number, seconds: number, record: RecordExchange): Promise<number> => {
  const until = Date.now() + seconds * 1000;
  let done = 0;
  await Promise.all(Array.from({ length: workers }, async () => {
    while (Date.now() < until) {
      await oneOperation(fixtures, record);
      done++;
    }
  }));
  return done / seconds;
};

/** Starts `perSecond` operations a second for `seconds`; resolves when the last one answered, with how many were skipped. */
export const openLoop = async (fixtures: MixFixtures, perSecond: number, seconds: number, record: RecordExchange, onTick?: () => void): Promise<{ started: number; skipped: number }> => {
  const started = Date.now();
  let due = 0;
  let launched = 0;
  let skipped = 0;
  const inFlight = new Set<Promise<void>>();
  while (Date.now() - started < seconds * 1000) {
    due = ((Date.now() - started) / 1000) * perSecond;
    while (launched < due) {
      launched++;
      if (inFlight.size >= MAX_IN_FLIGHT) {
        skipped++;
        continue;
      }
      const operation = oneOperation(fixtures, record).finally(() => inFlight.delete(operation));
      inFlight.add(operation);
    }
    onTick?.();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await Promise.all(inFlight);
  return { started: launched - skipped, skipped };
};

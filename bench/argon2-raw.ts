/**
 * The ceiling for password login: argon2id verifications per second in this process, at the
 * parameters Olympus hashes with (its dev config, the one the bench servers run), with as many
 * verifications in flight as autocannon keeps connections. No HTTP, no database, no session: the
 * work a login cannot avoid. Runs in the parent while no target is running, so it has both cores.
 */
import { defaultDevConfig } from '@olympus/config';
import { PasswordHasher } from '@olympus/identity';
import type { Load, Measurement } from './measure.ts';

const PASSWORD = 'bench-passphrase correct horse';

const percentile = (sorted: number[], p: number): number =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** Keeps `inFlight` verifications running for `seconds`; returns each one's latency in ms. */
const verifyFor = async (hasher: PasswordHasher, encoded: string, inFlight: number, seconds: number) => {
  const latencies: number[] = [];
  let wrong = 0;
  const until = performance.now() + seconds * 1000;
  const worker = async (): Promise<void> => {
    while (performance.now() < until) {
      const started = performance.now();
      if (!(await hasher.verify(PASSWORD, encoded))) wrong++;
      latencies.push(performance.now() - started);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: inFlight }, worker));
  return { latencies, wrong, elapsed: (performance.now() - started) / 1000 };
};

export const argon2Params = () => defaultDevConfig(process.cwd()).hashers.argon2;

export const measureRawArgon2 = async (load: Load): Promise<Measurement> => {
  const hasher = new PasswordHasher(argon2Params());
  const encoded = await hasher.hash(PASSWORD);
  if (load.warmup > 0) await verifyFor(hasher, encoded, load.connections, load.warmup);
  const { latencies, wrong, elapsed } = await verifyFor(hasher, encoded, load.connections, load.duration);
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    reqPerSec: latencies.length / elapsed,
    p50: Math.round(percentile(sorted, 50)),
    p99: Math.round(percentile(sorted, 99)),
    responses: latencies.length,
    non2xx: 0,
    errors: 0,
    invalid: wrong,
    exhausted: 0,
    statusCodes: {},
  };
};

/**
 * One scenario against one running target: a warm-up run, then the measured run, both with
 * autocannon in this (the parent) process, each on fresh fixtures (`nextDrive` mints them). The
 * SSO round trip has a loop of its own (sso/loop.ts) that reports the same Measurement.
 */
import autocannon from 'autocannon';
import type { Drive } from './scenarios.ts';

export interface Load {
  connections: number;
  /** Seconds measured. */
  duration: number;
  /** Seconds of warm-up before measuring (JIT, caches, connection pools). */
  warmup: number;
}

export interface Measurement {
  reqPerSec: number;
  p50: number;
  p99: number;
  /** Answers counted in the measured run. */
  responses: number;
  non2xx: number;
  /** Connection errors and timeouts: requests that got no answer at all. */
  errors: number;
  /** 2xx answers with the wrong body, and requests sent without a live refresh token. */
  invalid: number;
  exhausted: number;
  /** Every status code seen and how often, e.g. `{ "200": 41000, "400": 3 }`. */
  statusCodes: Record<string, number>;
  /** SSO round trip: HTTP requests one successful pass took (redirects and the token request). */
  requestsPerPass?: number;
}

const run = (drive: Drive, load: Load, duration: number) =>
  autocannon({ ...drive.options, connections: load.connections, timeout: 10, duration });

export const measure = async (nextDrive: () => Promise<Drive>, load: Load): Promise<Measurement> => {
  if (load.warmup > 0) await run(await nextDrive(), load, load.warmup);
  const drive = await nextDrive();
  const result = await run(drive, load, load.duration);
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => [code, count]));
  return {
    reqPerSec: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    responses: Object.values(statusCodes).reduce((sum, n) => sum + n, 0),
    non2xx: result.non2xx,
    errors: result.errors, // autocannon counts timeouts among errors
    invalid: drive.tally.invalid,
    exhausted: drive.tally.exhausted,
    statusCodes,
  };
};

/** Share of the measured requests that failed in any way (the run is broken above 1 %). */
export const failureShare = (m: Measurement): number => {
  const attempted = m.responses + m.errors;
  return attempted === 0 ? 1 : (m.non2xx + m.errors + m.invalid) / attempted;
};

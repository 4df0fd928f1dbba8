/**
 * The SSO scenario's load loop (autocannon cannot follow redirects with cookies): one worker per
 * signed-in browser, each running round trips back to back for the run's seconds over one
 * keep-alive undici Agent. The same loop drives every target. A round trip counts when it ends
 * inside the window; its latency is the whole pass, redirects and token exchange included.
 */
import { Agent } from 'undici';
import { Browser } from '../../test/support/browser.ts';
import type { Load, Measurement } from '../measure.ts';
import type { SsoFixtures } from '../targets/protocol.ts';
import { ssoRoundTrip } from './round-trip.ts';

/** The answer-or-give-up limit, autocannon's `timeout` in the other scenarios. */
const TIMEOUT_MS = 10_000;

const jarOf = (entries: SsoFixtures['sessions'][number]): Browser => {
  const browser = new Browser();
  for (const [name, cookie] of entries) browser.jar.set(name, cookie);
  return browser;
};

const percentile = (sorted: number[], p: number): number =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

const loopFor = async (sso: SsoFixtures, checkBodies: boolean, seconds: number): Promise<Measurement> => {
  const agent = new Agent({ connections: sso.sessions.length, keepAliveTimeout: 60_000, headersTimeout: TIMEOUT_MS, bodyTimeout: TIMEOUT_MS });
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  let [non2xx, invalid, errors, requests] = [0, 0, 0, 0];
  const until = performance.now() + seconds * 1000;
  const worker = async (jar: Browser): Promise<void> => {
    while (performance.now() < until) {
      const started = performance.now();
      try {
        const outcome = await ssoRoundTrip(agent, jar, sso, checkBodies);
        if (performance.now() > until) return;
        const status = outcome.ok ? 200 : outcome.status;
        statusCodes[status] = (statusCodes[status] ?? 0) + 1;
        if (outcome.ok) {
          latencies.push(performance.now() - started);
          requests += outcome.requests;
        } else if (outcome.why === 'status') non2xx++;
        else invalid++;
      } catch {
        if (performance.now() <= until) errors++;
      }
    }
  };
  await Promise.all(sso.sessions.map((entries) => worker(jarOf(entries))));
  await agent.close();
  const sorted = latencies.sort((a, b) => a - b);
  const responses = Object.values(statusCodes).reduce((sum, n) => sum + n, 0);
  return {
    reqPerSec: responses / seconds,
    p50: Math.round(percentile(sorted, 50)),
    p99: Math.round(percentile(sorted, 99)),
    responses, non2xx, errors, invalid, exhausted: 0, statusCodes,
    requestsPerPass: latencies.length === 0 ? undefined : requests / latencies.length,
  };
};

/** A warm-up pass and a measured pass, each with freshly signed-in browsers (`nextFixtures`). */
export const measureSso = async (nextFixtures: () => Promise<SsoFixtures>, load: Load, checkBodies: boolean): Promise<Measurement> => {
  if (load.warmup > 0) await loopFor(await nextFixtures(), checkBodies, load.warmup);
  return loopFor(await nextFixtures(), checkBodies, load.duration);
};

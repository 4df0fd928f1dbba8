/**
 * A node's orderly stop on SIGTERM or SIGINT (docs/operations/faults.md): /health/ready answers 503 at
 * once and the node keeps serving for `serve.shutdown.drain_delay`, so a load balancer's health check
 * takes it out of rotation while nothing is refused; then the listeners close (Fastify answers requests
 * still arriving on kept-alive connections 503 with `Connection: close` and closes idle ones), requests
 * in flight finish within `serve.shutdown.timeout` (their connections are cut after that), and
 * RunningServer.close() stops the courier after its batch, flushes the trace recorder and the group
 * commits and closes the pool.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { RunningServer } from './server.ts';

export interface ShutdownTimes {
  /** Milliseconds between "not ready" and closing the listeners. */
  drainDelay: number;
  /** Milliseconds in-flight requests may take once the listeners are closed. */
  timeout: number;
}

export const shutdown = async (server: RunningServer, times: ShutdownTimes): Promise<void> => {
  const log = server.ctx.log;
  server.setDraining();
  log.info({ drain_delay_ms: times.drainDelay, timeout_ms: times.timeout }, 'shutting down: not ready, draining');
  if (times.drainDelay > 0) await sleep(times.drainDelay);
  const apps = [server.publicApp, server.adminApp];
  const cut = setTimeout(() => {
    log.warn({ timeout_ms: times.timeout }, 'shutting down: requests still in flight after the timeout, closing their connections');
    for (const app of apps) app.server.closeAllConnections();
  }, times.timeout);
  try {
    await server.close();
  } finally {
    clearTimeout(cut);
  }
  log.info('shut down');
};

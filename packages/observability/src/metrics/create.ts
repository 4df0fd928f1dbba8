import { collectDefaultMetrics, Registry } from 'prom-client';
import type { RecordRequest } from '@olympus/http';
import type { OAuth2Metrics } from '@olympus/oauth2';
import type { IdentityMetrics } from '@olympus/identity';
import type { DbObserver } from '@olympus/storage';
import { coreCounters } from './core-counters.ts';
import { courierQueueMetrics, type CourierDepth } from './courier-queue.ts';
import { databaseMetrics } from './database.ts';
import { httpRequestMetrics } from './http-requests.ts';

export interface OlympusMetrics {
  recordRequest: RecordRequest;
  oauth2: OAuth2Metrics;
  identity: IdentityMetrics;
  db: DbObserver;
  watchCourier(read: () => Promise<CourierDepth>): void;
  /** The Prometheus text exposition of this server's registry. */
  scrape(): Promise<{ contentType: string; body: string }>;
}

/**
 * One registry per server (tests run many servers in one process; prom-client's global registry
 * would collide). Node's own metrics (event-loop lag, heap, GC, CPU) keep their standard names and
 * start at the first scrape, so a server nobody scrapes pays nothing for them.
 */
export const createMetrics = (): OlympusMetrics => {
  const registry = new Registry();
  const counters = coreCounters(registry);
  let processMetrics = false;
  return {
    recordRequest: httpRequestMetrics(registry),
    oauth2: counters.oauth2,
    identity: counters.identity,
    db: databaseMetrics(registry),
    watchCourier: courierQueueMetrics(registry),
    async scrape() {
      if (!processMetrics) {
        processMetrics = true;
        collectDefaultMetrics({ register: registry });
      }
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
};

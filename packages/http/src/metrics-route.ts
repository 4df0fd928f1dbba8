import type { RegisterRoutes } from './deps.ts';
import { healthSchemas } from './health.schema.ts';

/**
 * GET /metrics on the admin origin (registered in its route list only), and Hydra's path
 * `/metrics/prometheus` (docs/compatibility.md §1.2 keeps Hydra's admin paths) for scrapers set up
 * for Hydra. Behind the admin guard's API keys like the JSON admin API (admin-guard.ts).
 */
export const METRICS_PATHS = ['/metrics', '/metrics/prometheus', '/admin/metrics/prometheus'] as const;

export const registerMetricsRoutes: RegisterRoutes = (app, deps) => {
  const scrape = deps.metrics;
  if (scrape === undefined) return;
  for (const path of METRICS_PATHS) {
    app.get(path, { schema: healthSchemas.metrics(path) }, async (_req, reply) => {
      const { contentType, body } = await scrape();
      return reply.header('content-type', contentType).header('cache-control', 'no-store').send(body);
    });
  }
};

import { Counter, Histogram, type Registry } from 'prom-client';
import type { RecordRequest } from '@olympus/http';

const LABELS = ['origin', 'method', 'route', 'status'] as const;

/**
 * Requests per origin, method, route pattern and status, and their latency. The route is Fastify's
 * pattern (`/admin/clients/:id`) or `unmatched`, so the series stay bounded whatever the URLs.
 */
export const httpRequestMetrics = (registry: Registry): RecordRequest => {
  const total = new Counter({ name: 'olympus_http_requests_total', help: 'HTTP requests answered, by origin, method, route pattern and status.', labelNames: LABELS, registers: [registry] });
  const duration = new Histogram({
    name: 'olympus_http_request_duration_seconds',
    help: 'Time from a request\'s arrival to its answer, by origin, method, route pattern and status.',
    labelNames: LABELS,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return (origin, method, route, status, seconds) => {
    const code = String(status);
    total.labels(origin, method, route, code).inc();
    duration.labels(origin, method, route, code).observe(seconds);
  };
};

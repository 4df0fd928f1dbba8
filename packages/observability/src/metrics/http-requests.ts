import { Counter, Histogram, type Registry } from 'prom-client';
import type { RecordRequest } from '@olympus/http';

const LABELS = ['origin', 'method', 'route', 'status'] as const;

interface Series {
  total: { inc(): void };
  duration: { observe(seconds: number): void };
}

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
  // prom-client checks and hashes the label values on every labels() call; a request's series is
  // one of a bounded set (route patterns × methods × statuses), so each is looked up once.
  const series = new Map<string, Series>();
  return (origin, method, route, status, seconds) => {
    const key = `${origin} ${method} ${route} ${status}`;
    let one = series.get(key);
    if (one === undefined) {
      const code = String(status);
      one = { total: total.labels(origin, method, route, code), duration: duration.labels(origin, method, route, code) };
      series.set(key, one);
    }
    one.total.inc();
    one.duration.observe(seconds);
  };
};

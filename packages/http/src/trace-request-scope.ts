/**
 * Stamps each flow-tracer report with the `X-Request-Id` of the HTTP request it was made in, so a
 * stop can be matched to the browser's network log hop by hop and found by the id a page or a
 * response header showed (docs/operations/tracing.md). The cores know nothing of HTTP requests: the
 * request id travels in an AsyncLocalStorage scope opened for each request, and only when tracing is
 * on (the scope costs a little on every request).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance } from 'fastify';
import type { TracePort } from '@olympus/oauth2';

const scope = new AsyncLocalStorage<string>();

/** Opens the scope for every request of `app`; the hook runs the rest of the request inside it. */
export const registerTraceRequestScope = (app: FastifyInstance): void => {
  app.addHook('onRequest', (req, _reply, done) => scope.run(String(req.id), done));
};

/** The trace port with the request id filled in where the core did not name one. */
export const withRequestId = (record: TracePort): TracePort => (report) => {
  if (report.requestId !== undefined && report.requestId !== '') return record(report);
  const requestId = scope.getStore();
  record(requestId === undefined ? report : { ...report, requestId });
};

/**
 * One SERVER span per HTTP request (the edge's RequestSpans port): named `METHOD /route/pattern`,
 * with the route pattern, the status, the origin, the request id and, once a core reports a stop of
 * the flow tracer during the request, Olympus' trace id (`olympus.trace_id`). Nothing read from a
 * URL, a body or a header but the W3C `traceparent` goes in, so no token, code, challenge or secret
 * can (test/otel-tracing.test.ts checks).
 */
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, defaultTextMapGetter, type Context, type Span, type Tracer } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import type { RequestSpans } from '@olympus/http';

export interface TracedRequests extends RequestSpans {
  /** Puts Olympus' trace id on the open span of the request with this id. */
  noteTrace(requestId: string, traceId: string): void;
}

export const tracedRequests = (tracer: Tracer): TracedRequests => {
  const open = new Map<string, Span>();
  const propagator = new W3CTraceContextPropagator();
  const parentOf = (traceparent: string | undefined): Context =>
    traceparent === undefined ? ROOT_CONTEXT : propagator.extract(ROOT_CONTEXT, { traceparent }, defaultTextMapGetter);
  return {
    start(origin, method, requestId, traceparent) {
      const span = tracer.startSpan(method, {
        kind: SpanKind.SERVER,
        attributes: { 'http.request.method': method, 'olympus.origin': origin, 'olympus.request_id': requestId },
      }, parentOf(traceparent));
      open.set(requestId, span);
      let ended = false;
      return {
        end(route, status) {
          if (ended) return;
          ended = true;
          if (open.get(requestId) === span) open.delete(requestId);
          span.updateName(`${method} ${route}`);
          span.setAttribute('http.route', route);
          span.setAttribute('http.response.status_code', status);
          if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
          span.end();
        },
      };
    },
    noteTrace(requestId, traceId) {
      open.get(requestId)?.setAttribute('olympus.trace_id', traceId);
    },
  };
};

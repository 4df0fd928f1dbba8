/**
 * The operator's view of every request (docs/operations/observability.md): metrics and, when
 * configured, an OpenTelemetry span, labelled by the route's pattern (`/admin/clients/:id`), never
 * its URL, so no id, token or challenge reaches a label or an attribute. The edge only calls these
 * ports; @olympus/observability implements them.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';

export type Origin = 'public' | 'admin';

/** Counts one answered request; positional arguments so recording allocates nothing of its own. */
export type RecordRequest = (origin: Origin, method: string, route: string, status: number, seconds: number) => void;

/** One request's span, opened when it arrives and ended with what routing and the answer decided. */
export interface RequestSpan {
  end(route: string, status: number): void;
}

export interface RequestSpans {
  start(origin: Origin, method: string, requestId: string, traceparent: string | undefined): RequestSpan;
}

/** The label of a request no route matched: one series for every unknown path. */
export const UNMATCHED_ROUTE = 'unmatched';

const routeOf = (req: FastifyRequest): string => req.routeOptions.url ?? UNMATCHED_ROUTE;

const SPAN = Symbol('olympus.span');
type WithSpan = FastifyRequest & { [SPAN]?: RequestSpan };

export const registerRequestObservation = (app: FastifyInstance, origin: Origin, record?: RecordRequest, spans?: RequestSpans): void => {
  if (spans !== undefined) {
    app.addHook('onRequest', (req, _reply, done) => {
      const traceparent = req.headers.traceparent;
      (req as WithSpan)[SPAN] = spans.start(origin, req.method, String(req.id), typeof traceparent === 'string' ? traceparent : undefined);
      done();
    });
    // A client that hangs up before the answer still ends its span, so none is left open.
    app.addHook('onRequestAbort', (req, done) => {
      (req as WithSpan)[SPAN]?.end(routeOf(req), 499);
      done();
    });
  }
  if (record === undefined && spans === undefined) return;
  app.addHook('onResponse', (req, reply, done) => {
    const route = routeOf(req);
    record?.(origin, req.method, route, reply.statusCode, reply.elapsedTime / 1000);
    (req as WithSpan)[SPAN]?.end(route, reply.statusCode);
    done();
  });
};

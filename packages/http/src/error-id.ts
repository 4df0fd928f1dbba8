/**
 * The id of one error shown to someone (an error page, a JSON error, the identity error UI): logged
 * with the error, and tied to the flow tracer's events of the request that failed (TraceErrorLinks,
 * docs/operations/tracing.md), so the id a user reads off the page finds the failing stop.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TraceErrorLinks } from './deps.ts';

const TRACE_ERRORS = 'olympusTraceErrors';

/** Makes the links reachable from every route of `app`, including those of its scopes (Fastify decorators are inherited). */
export const useTraceErrorLinks = (app: FastifyInstance, links: TraceErrorLinks | undefined): void => {
  if (links !== undefined && !app.hasDecorator(TRACE_ERRORS)) app.decorate(TRACE_ERRORS, links);
};

export const newErrorId = (req: FastifyRequest): string => {
  const errorId = randomUUID();
  if (req.server.hasDecorator(TRACE_ERRORS)) req.server.getDecorator<TraceErrorLinks>(TRACE_ERRORS).link(String(req.id), errorId);
  return errorId;
};

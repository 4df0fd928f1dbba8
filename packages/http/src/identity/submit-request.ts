/**
 * What every self-service submission hands the core (SubmitRequest): this browser's CSRF cookie and
 * the posted csrf_token, the secret a successor flow binds to (the cookie; callers may override),
 * the device for the session record and the request facts of the flow tracer.
 */
import type { FastifyRequest } from 'fastify';
import type { IdentityContext, SubmitRequest } from '@olympus/identity';
import { readCsrfCookie, submittedCsrfToken } from './csrf-cookie.ts';
import { requestFactsOf } from './request-facts.ts';
import { deviceOf } from './session-cookie.ts';

export const submitRequestOf = (ctx: IdentityContext, req: FastifyRequest, body: Record<string, unknown>): SubmitRequest => {
  const csrfCookie = readCsrfCookie(req, ctx.config);
  return { csrfCookie, csrfToken: submittedCsrfToken(req, body), csrfSecret: csrfCookie, device: deviceOf(req), request: requestFactsOf(req) };
};

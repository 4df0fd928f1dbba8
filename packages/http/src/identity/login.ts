/**
 * The login flow's endpoints (docs/compatibility.md §2.1): create (browser, api), get, submit. The core
 * (packages/identity/src/flows/login) decides; this module reads the request and negotiates.
 */
import type { FastifyRequest } from 'fastify';
import { createLoginFlow, submitLogin } from '@olympus/identity';
import type { RegisterRoutes } from '../deps.ts';
import { ensureCsrfSecret } from './csrf-cookie.ts';
import { answerError, answerFlow, q, requestUrlOf, wantsJson } from './render.ts';
import { requestIdFacts } from './request-facts.ts';
import { currentSession } from './session-cookie.ts';
import { getFlowHandler, nativeFlowWire, submitHandler } from './flow-routes.ts';
import { flowSchemas } from './self-service.schema.ts';

export const registerLoginFlowRoutes: RegisterRoutes = (app, { identity: ctx }) => {
  if (ctx === undefined) return;
  const schemas = flowSchemas('login');
  const params = (req: FastifyRequest) => ({
    requestUrl: requestUrlOf(req, ctx.config.serve.public.url),
    returnTo: q(req, 'return_to'),
    refresh: q(req, 'refresh') === 'true',
    aal: q(req, 'aal'),
    loginChallenge: q(req, 'login_challenge'),
    request: requestIdFacts(req),
  });

  app.get('/self-service/login/browser', { schema: schemas.browser }, async (req, reply) => {
    const json = wantsJson(req);
    try {
      const csrfSecret = ensureCsrfSecret(req, reply, ctx.config);
      const flow = await createLoginFlow(ctx, { ...params(req), type: 'browser', csrfSecret, current: await currentSession(ctx, req) });
      return answerFlow(ctx, reply, flow, json);
    } catch (err) {
      return answerError(ctx, req, reply, err, { redirect: !json, kind: 'login', returnTo: q(req, 'return_to') });
    }
  });

  app.get('/self-service/login/api', { schema: schemas.api }, async (req, reply) => {
    const flow = await createLoginFlow(ctx, { ...params(req), type: 'api', current: await currentSession(ctx, req) });
    return reply.header('cache-control', 'no-store').send(await nativeFlowWire(ctx, req, flow));
  });

  app.get('/self-service/login/flows', { schema: schemas.get }, getFlowHandler(ctx, 'login'));

  app.post('/self-service/login', { schema: schemas.submit }, submitHandler(ctx, 'login', submitLogin));
};

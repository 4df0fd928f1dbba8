/** The registration flow's endpoints (docs/compatibility.md §2.1), shaped like login's. */
import { createRegistrationFlow, submitRegistration } from '@olympus/identity';
import type { RegisterRoutes } from '../deps.ts';
import { flowSchemas } from './self-service.schema.ts';
import { ensureCsrfSecret } from './csrf-cookie.ts';
import { answerError, answerFlow, q, requestUrlOf, wantsJson } from './render.ts';
import { currentSession } from './session-cookie.ts';
import { getFlowHandler, nativeFlowWire, submitHandler } from './flow-routes.ts';

export const registerRegistrationFlowRoutes: RegisterRoutes = (app, { identity: ctx }) => {
  if (ctx === undefined) return;
  const schemas = flowSchemas('registration');

  app.get('/self-service/registration/browser', { schema: schemas.browser }, async (req, reply) => {
    const json = wantsJson(req);
    try {
      const csrfSecret = ensureCsrfSecret(req, reply, ctx.config);
      const flow = await createRegistrationFlow(ctx, {
        type: 'browser', requestUrl: requestUrlOf(req, ctx.config.serve.public.url), returnTo: q(req, 'return_to'),
        loginChallenge: q(req, 'login_challenge'), csrfSecret, current: await currentSession(ctx, req),
      });
      return answerFlow(ctx, reply, flow, json);
    } catch (err) {
      return answerError(ctx, req, reply, err, { redirect: !json, kind: 'registration', returnTo: q(req, 'return_to') });
    }
  });

  app.get('/self-service/registration/api', { schema: schemas.api }, async (req, reply) => {
    const flow = await createRegistrationFlow(ctx, {
      type: 'api', requestUrl: requestUrlOf(req, ctx.config.serve.public.url), returnTo: q(req, 'return_to'), current: await currentSession(ctx, req),
    });
    return reply.header('cache-control', 'no-store').send(await nativeFlowWire(ctx, req, flow));
  });

  app.get('/self-service/registration/flows', { schema: schemas.get }, getFlowHandler(ctx, 'registration'));

  app.post('/self-service/registration', { schema: schemas.submit }, submitHandler(ctx, 'registration', submitRegistration));
};

/** The registration flow's endpoints (ory-api.md §2.1), shaped like login's. */
import { createRegistrationFlow, getFlowForUi, submitRegistration, toWire } from '@olympus/identity';
import type { RegisterRoutes } from '../deps.ts';
import { ensureCsrfSecret, readCsrfCookie, submittedCsrfToken } from './csrf-cookie.ts';
import { answerError, answerFlow, bodyOf, q, requestUrlOf, wantsJson, submittedFlowType } from './render.ts';
import { currentSession, deviceOf } from './session-cookie.ts';
import { answerSubmit } from './submit-answer.ts';

export const registerRegistrationFlowRoutes: RegisterRoutes = (app, { identity: ctx }) => {
  if (ctx === undefined) return;

  app.get('/self-service/registration/browser', async (req, reply) => {
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

  app.get('/self-service/registration/api', async (req, reply) => {
    const flow = await createRegistrationFlow(ctx, {
      type: 'api', requestUrl: requestUrlOf(req, ctx.config.serve.public.url), returnTo: q(req, 'return_to'), current: await currentSession(ctx, req),
    });
    return reply.header('cache-control', 'no-store').send(toWire(flow));
  });

  app.get('/self-service/registration/flows', async (req, reply) => {
    const flow = await getFlowForUi(ctx, 'registration', q(req, 'id'), readCsrfCookie(req, ctx.config));
    return reply.header('cache-control', 'no-store').send(toWire(flow));
  });

  app.post('/self-service/registration', async (req, reply) => {
    const flowId = q(req, 'flow');
    const json = wantsJson(req);
    const type = await submittedFlowType(ctx, flowId, json);
    try {
      const body = bodyOf(req);
      const csrfCookie = readCsrfCookie(req, ctx.config);
      const outcome = await submitRegistration(ctx, flowId, body, {
        csrfCookie, csrfToken: submittedCsrfToken(req, body), csrfSecret: csrfCookie, device: deviceOf(req), current: await currentSession(ctx, req),
      });
      return answerSubmit(ctx, req, reply, outcome, { type, json, withIdentity: true });
    } catch (err) {
      return answerError(ctx, req, reply, err, { redirect: type === 'browser' && !json, kind: 'registration' });
    }
  });
};

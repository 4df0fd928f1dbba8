/**
 * The verification flow's endpoints (docs/compatibility.md §2.1), shaped like recovery's: server-rendered
 * browsers are sent to the verification UI after every step, SPAs and native apps get the flow.
 */
import type { FastifyRequest } from 'fastify';
import { createVerificationFlow, getVerificationFlow, submitVerification } from '@olympus/identity';
import type { RegisterRoutes } from '../deps.ts';
import { flowSchemas } from './self-service.schema.ts';
import { ensureCsrfSecret, readCsrfCookie } from './csrf-cookie.ts';
import { sendCodeFlow } from './recovery.ts';
import { answerError, bodyOf, flowUiUrl, q, requestUrlOf, seeOther, wantsJson, submittedFlowType } from './render.ts';
import { submitRequestOf } from './submit-request.ts';

export const registerVerificationFlowRoutes: RegisterRoutes = (app, { identity: ctx }) => {
  if (ctx === undefined) return;
  const schemas = flowSchemas('verification');
  const requestUrl = (req: FastifyRequest) => requestUrlOf(req, ctx.config.serve.public.url);

  app.get('/self-service/verification/browser', { schema: schemas.browser }, async (req, reply) => {
    const json = wantsJson(req);
    try {
      const csrfSecret = ensureCsrfSecret(req, reply, ctx.config);
      const flow = await createVerificationFlow(ctx, { type: 'browser', requestUrl: requestUrl(req), returnTo: q(req, 'return_to'), csrfSecret });
      return json ? sendCodeFlow(reply, 200, flow) : seeOther(reply, flowUiUrl(ctx, 'verification', flow.id));
    } catch (err) {
      return answerError(ctx, req, reply, err, { redirect: !json, kind: 'verification', returnTo: q(req, 'return_to') });
    }
  });

  app.get('/self-service/verification/api', { schema: schemas.api }, async (req, reply) =>
    sendCodeFlow(reply, 200, await createVerificationFlow(ctx, { type: 'api', requestUrl: requestUrl(req), returnTo: q(req, 'return_to') })));

  app.get('/self-service/verification/flows', { schema: schemas.get }, async (req, reply) =>
    sendCodeFlow(reply, 200, await getVerificationFlow(ctx, q(req, 'id'), readCsrfCookie(req, ctx.config))));

  app.post('/self-service/verification', { schema: schemas.submit }, async (req, reply) => {
    const flowId = q(req, 'flow');
    const json = wantsJson(req);
    const type = await submittedFlowType(ctx, flowId, json);
    try {
      const body = bodyOf(req);
      const outcome = await submitVerification(ctx, flowId, body, submitRequestOf(ctx, req, body));
      if (type === 'api' || json) return sendCodeFlow(reply, outcome.status, outcome.flow);
      return seeOther(reply, flowUiUrl(ctx, 'verification', outcome.flow.id));
    } catch (err) {
      return answerError(ctx, req, reply, err, { redirect: type === 'browser' && !json, kind: 'verification' });
    }
  });
};

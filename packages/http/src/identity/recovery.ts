/**
 * The recovery flow's endpoints (docs/compatibility.md §2.1) and the admin's recovery codes (§2.2). The core
 * (packages/identity/src/flows/recovery) decides; this module reads the request and negotiates
 * (§2.4): server-rendered browsers get 303s — to the recovery UI, and once recovered to the settings
 * UI with the new session cookie — SPAs and native apps get the flow as JSON.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  codeFlowWire, createRecoveryCodeForIdentity, createRecoveryFlow, getRecoveryFlow, submitRecovery,
  type ContinueWith, type FlowType, type IdentityContext, type RecoveryOutcome, type SelfServiceFlow,
} from '@olympus/identity';
import type { RegisterRoutes } from '../deps.ts';
import { flowSchemas } from './self-service.schema.ts';
import { adminIdentitySchemas } from './admin.schema.ts';
import { auditRoutes } from '../audit/audited-routes.ts';
import { RECOVERY_AUDIT } from '../audit/recovery.ts';
import { ensureCsrfSecret, readCsrfCookie } from './csrf-cookie.ts';
import { answerError, bodyOf, flowUiUrl, q, requestUrlOf, seeOther, wantsJson, submittedFlowType } from './render.ts';
import { currentSession, setSessionCookie } from './session-cookie.ts';
import { submitRequestOf } from './submit-request.ts';

export const sendCodeFlow = (reply: FastifyReply, status: number, flow: SelfServiceFlow, extra: ContinueWith[] = []): FastifyReply =>
  reply.code(status).header('cache-control', 'no-store').send(codeFlowWire(flow, extra));

const answerRecovery = (ctx: IdentityContext, reply: FastifyReply, outcome: RecoveryOutcome, type: FlowType, json: boolean): FastifyReply => {
  if (outcome.kind === 'flow') {
    return type === 'api' || json ? sendCodeFlow(reply, outcome.status, outcome.flow) : seeOther(reply, flowUiUrl(ctx, 'recovery', outcome.flow.id));
  }
  // Native apps get the session token once, in this answer; it is never part of the stored flow.
  if (type === 'api') return sendCodeFlow(reply, 200, outcome.flow, [{ action: 'set_ory_session_token', ory_session_token: outcome.issued.token }]);
  setSessionCookie(reply, ctx.config, outcome.issued);
  return json ? sendCodeFlow(reply, 200, outcome.flow) : seeOther(reply, outcome.redirectTo);
};

export const registerRecoveryFlowRoutes: RegisterRoutes = (app, { identity: ctx }) => {
  if (ctx === undefined) return;
  const requestUrl = (req: FastifyRequest) => requestUrlOf(req, ctx.config.serve.public.url);
  const schemas = flowSchemas('recovery');

  app.get('/self-service/recovery/browser', { schema: schemas.browser }, async (req, reply) => {
    const json = wantsJson(req);
    try {
      const csrfSecret = ensureCsrfSecret(req, reply, ctx.config);
      const flow = await createRecoveryFlow(ctx, {
        type: 'browser', requestUrl: requestUrl(req), returnTo: q(req, 'return_to'), csrfSecret, current: await currentSession(ctx, req),
      });
      return json ? sendCodeFlow(reply, 200, flow) : seeOther(reply, flowUiUrl(ctx, 'recovery', flow.id));
    } catch (err) {
      return answerError(ctx, req, reply, err, { redirect: !json, kind: 'recovery', returnTo: q(req, 'return_to') });
    }
  });

  app.get('/self-service/recovery/api', { schema: schemas.api }, async (req, reply) => {
    const flow = await createRecoveryFlow(ctx, { type: 'api', requestUrl: requestUrl(req), returnTo: q(req, 'return_to'), current: await currentSession(ctx, req) });
    return sendCodeFlow(reply, 200, flow);
  });

  app.get('/self-service/recovery/flows', { schema: schemas.get }, async (req, reply) =>
    sendCodeFlow(reply, 200, await getRecoveryFlow(ctx, q(req, 'id'), readCsrfCookie(req, ctx.config))));

  app.post('/self-service/recovery', { schema: schemas.submit }, async (req, reply) => {
    const flowId = q(req, 'flow');
    const json = wantsJson(req);
    const type = await submittedFlowType(ctx, flowId, json);
    try {
      const body = bodyOf(req);
      // The settings flow recovery ends in needs this browser's CSRF secret; a link an admin
      // created may be the browser's first visit, so one is minted when missing.
      const csrfSecret = type === 'browser' ? ensureCsrfSecret(req, reply, ctx.config) : undefined;
      const outcome = await submitRecovery(ctx, flowId, body, { ...submitRequestOf(ctx, req, body), csrfSecret, current: await currentSession(ctx, req) });
      return answerRecovery(ctx, reply, outcome, type, json);
    } catch (err) {
      return answerError(ctx, req, reply, err, { redirect: type === 'browser' && !json, kind: 'recovery' });
    }
  });
};

/** POST /admin/recovery/code → 201 {recovery_link, recovery_code, expires_at} (Kratos' IdentityApi). */
export const registerAdminRecoveryRoutes: RegisterRoutes = (app, { identity: ctx, ctx: oauth2, audit }) => {
  if (ctx === undefined) return;
  auditRoutes(app, { ctx: oauth2, audit }, RECOVERY_AUDIT);
  app.post('/admin/recovery/code', { schema: adminIdentitySchemas.recoveryCode }, async (req, reply) =>
    reply.code(201).header('cache-control', 'no-store').send(await createRecoveryCodeForIdentity(ctx, bodyOf(req))));
};

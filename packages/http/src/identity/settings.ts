/**
 * The settings flow's endpoints (docs/compatibility.md §2.1): create (browser, api), get, submit. The core
 * (packages/identity/src/flows/settings) decides; this module reads the request and negotiates
 * (§2.4): server-rendered browsers get 303s — to the settings UI, to a login when the session is
 * missing, too old or lacks its second factor — SPAs and native apps get JSON and status codes.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  BrowserLocationChangeRequired, browserFlowUrl, IdentityError, SessionInactive, createSettingsFlow, getSettingsFlow, settingsWire, submitSettings,
  type IdentityContext, type SettingsFlowView, type StrategyRedirect,
} from '@olympus/identity';
import type { RegisterRoutes } from '../deps.ts';
import { flowSchemas } from './self-service.schema.ts';
import { ensureCsrfSecret, readCsrfCookie } from './csrf-cookie.ts';
import { answerError, bodyOf, flowUiUrl, q, requestUrlOf, seeOther, wantsJson, submittedFlowType } from './render.ts';
import { currentSession } from './session-cookie.ts';
import { setContinuityCookie } from './continuity-cookie.ts';
import { submitRequestOf } from './submit-request.ts';

const sendSettings = (reply: FastifyReply, status: number, view: SettingsFlowView): FastifyReply =>
  reply.code(status).header('cache-control', 'no-store').send(settingsWire(view.flow, view.identity));

/**
 * Browser navigations for the settings errors that have a way out (no session → login; aal2 or
 * re-authentication required → redirect_browser_to); everything else as for the other flows.
 */
const answerSettingsError = (
  ctx: IdentityContext, req: FastifyRequest, reply: FastifyReply, err: unknown, redirect: boolean, comeBackTo: string,
): FastifyReply => {
  if (redirect && err instanceof SessionInactive) return seeOther(reply, browserFlowUrl(ctx.config, 'login', { return_to: comeBackTo }));
  if (redirect && err instanceof IdentityError && typeof err.extra.redirect_browser_to === 'string') {
    return seeOther(reply, err.extra.redirect_browser_to);
  }
  return answerError(ctx, req, reply, err, { redirect, kind: 'settings' });
};

/**
 * Linking a provider continues at the provider with the sealed continuity cookie (docs/security.md
 * ID-21): a 303 for a server-rendered browser, 422 browser_location_change_required for SPAs and apps.
 */
const answerLinkRedirect = (ctx: IdentityContext, req: FastifyRequest, reply: FastifyReply, redirect: StrategyRedirect, browserForm: boolean): FastifyReply => {
  setContinuityCookie(reply, ctx.config, redirect, ctx.now());
  if (browserForm) return seeOther(reply, redirect.to);
  const body = new BrowserLocationChangeRequired('The browser must navigate to continue.', {
    reason: `In order to complete this flow please redirect the browser to: ${redirect.to}`,
    details: { redirect_browser_to: redirect.to },
    extra: { redirect_browser_to: redirect.to },
  }).toBody(String(req.id), ctx.config.oauth2.exposeDebug);
  return reply.code(422).header('cache-control', 'no-store').send(body);
};

export const registerSettingsFlowRoutes: RegisterRoutes = (app, { identity: ctx }) => {
  if (ctx === undefined) return;
  const schemas = flowSchemas('settings');

  app.get('/self-service/settings/browser', { schema: schemas.browser }, async (req, reply) => {
    const json = wantsJson(req);
    const requestUrl = requestUrlOf(req, ctx.config.serve.public.url);
    try {
      const csrfSecret = ensureCsrfSecret(req, reply, ctx.config);
      const view = await createSettingsFlow(ctx, { type: 'browser', requestUrl, returnTo: q(req, 'return_to'), csrfSecret, current: await currentSession(ctx, req) });
      return json ? sendSettings(reply, 200, view) : seeOther(reply, flowUiUrl(ctx, 'settings', view.flow.id));
    } catch (err) {
      return answerSettingsError(ctx, req, reply, err, !json, requestUrl);
    }
  });

  app.get('/self-service/settings/api', { schema: schemas.api }, async (req, reply) => {
    const view = await createSettingsFlow(ctx, {
      type: 'api', requestUrl: requestUrlOf(req, ctx.config.serve.public.url), returnTo: q(req, 'return_to'), current: await currentSession(ctx, req),
    });
    return sendSettings(reply, 200, view);
  });

  app.get('/self-service/settings/flows', { schema: schemas.get }, async (req, reply) => {
    const view = await getSettingsFlow(ctx, q(req, 'id'), await currentSession(ctx, req), readCsrfCookie(req, ctx.config));
    return sendSettings(reply, 200, view);
  });

  app.post('/self-service/settings', { schema: schemas.submit }, async (req, reply) => {
    const flowId = q(req, 'flow');
    const json = wantsJson(req);
    const type = await submittedFlowType(ctx, flowId, json);
    const browserForm = type === 'browser' && !json;
    try {
      const body = bodyOf(req);
      const outcome = await submitSettings(ctx, flowId, body, { ...submitRequestOf(ctx, req, body), current: await currentSession(ctx, req) });
      if (outcome.kind === 'redirect') return answerLinkRedirect(ctx, req, reply, outcome.redirect, browserForm);
      if (!browserForm) return sendSettings(reply, outcome.kind === 'invalid' ? 400 : 200, outcome);
      const done = outcome.kind === 'success' && outcome.flow.returnTo;
      return seeOther(reply, done ? outcome.flow.returnTo : flowUiUrl(ctx, 'settings', outcome.flow.id));
    } catch (err) {
      const comeBackTo = flowId ? flowUiUrl(ctx, 'settings', flowId) : requestUrlOf(req, ctx.config.serve.public.url);
      return answerSettingsError(ctx, req, reply, err, browserForm, comeBackTo);
    }
  });
};

import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  AuthorizeRejected,
  errorParamsFor,
  handleConsentVerifier,
  handleLoginVerifier,
  respondToClient,
  startAuthorization,
  type BrowserStep,
} from '@olympus/oauth2';
import { findSession } from '@olympus/identity';
import type { RegisterRoutes } from '../deps.ts';
import { requestParams } from '../form-body.ts';
import { ShowErrorPage } from '../errors.ts';
import { readCookies } from '../cookies.ts';
import { sendBrowserStep } from '../browser-step.ts';
import { cookiePolicyOf } from '../cookie-policy.ts';
import { oauth2Schemas } from './oauth2.schema.ts';

/**
 * GET/POST /oauth2/auth: a new authorization request, or the browser coming back from the login
 * UI (`login_verifier`) or the consent UI (`consent_verifier`).
 */
export const registerAuthorizeRoutes: RegisterRoutes = (app, { ctx, identity }) => {
  const policy = cookiePolicyOf(ctx.config);
  /** The identity session behind this browser's session cookie (never a header token: this is a browser hop). */
  const identitySessionOf = (cookies: Record<string, string | undefined>) => async (): Promise<string | undefined> =>
    identity === undefined ? undefined : (await findSession(identity, cookies[identity.config.session.cookieName] || undefined))?.session.id;
  const handler = async (req: FastifyRequest, reply: FastifyReply) => {
    const params = requestParams(req);
    const cookies = readCookies(req, policy);
    let step: BrowserStep;
    try {
      if (params.login_verifier) step = await handleLoginVerifier(ctx, params.login_verifier, { cookies, identitySessionId: identitySessionOf(cookies) });
      else if (params.consent_verifier) step = await handleConsentVerifier(ctx, params.consent_verifier, cookies);
      else step = await startAuthorization(ctx, params, requestUrlOf(ctx.config.serve.public.url, req.url), cookies, String(req.id));
    } catch (err) {
      if (!(err instanceof AuthorizeRejected)) throw err;
      if (!err.redirect) throw new ShowErrorPage(err.error);
      req.log.info({ error: err.error.error, error_hint: err.error.hint, client_id: params.client_id }, 'authorization request rejected; error sent to the client');
      step = respondToClient(err.redirect, ctx.config.urls.issuer, errorParamsFor(err.error, ctx.config.oauth2.exposeDebug));
    }
    return sendBrowserStep(reply, step, policy, req.method);
  };
  app.get('/oauth2/auth', { schema: oauth2Schemas.authorize('GET') }, handler);
  app.post('/oauth2/auth', { schema: oauth2Schemas.authorize('POST') }, handler);
};

const requestUrlOf = (publicUrl: string, path: string): string => new URL(path, publicUrl).toString();

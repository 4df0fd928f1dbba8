/**
 * GET and POST /self-service/methods/oidc/callback/{provider} (Kratos' callback path): the provider
 * returns the browser here. A form_post provider (Apple) POSTs from its own site, and a SameSite=Lax
 * continuity cookie does not come with a cross-site POST; so the POST is answered with a 303 to the
 * same path with its fields in the query, a top-level GET that carries the cookie (as Kratos does). The core
 * (packages/identity/src/strategies/oidc/callback.ts) decides; this module reads the continuity cookie,
 * answers with the session cookie and a 303, or sends a refused flow or an error to its page.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IdentityError, checkOidcMappers, completeOidcCallback, oidcCallbackUrl, type CallbackParams, type IdentityContext } from '@olympus/identity';
import type { RegisterRoutes } from '../deps.ts';
import { frontendSchemas } from './self-service.schema.ts';
import { clearContinuityCookie, readContinuityCookie } from './continuity-cookie.ts';
import { readCsrfCookie } from './csrf-cookie.ts';
import { answerError, answerFlow, bodyOf, flowUiUrl, seeOther } from './render.ts';
import { requestFactsOf } from './request-facts.ts';
import { currentSession, deviceOf, setSessionCookie } from './session-cookie.ts';

const PARAMS = ['code', 'state', 'error', 'error_description', 'user'] as const;

const paramsOf = (fields: Record<string, unknown>): CallbackParams =>
  Object.fromEntries(PARAMS.map((name) => [name, typeof fields[name] === 'string' ? fields[name] : undefined]));

/** The POSTed fields as the query of a GET to the same callback; the continuity cookie is left alone. */
const formPostAsGet = (ctx: IdentityContext, req: FastifyRequest, reply: FastifyReply) => {
  const provider = (req.params as { provider: string }).provider;
  const url = new URL(oidcCallbackUrl(ctx.config, provider));
  for (const [name, value] of Object.entries(paramsOf(bodyOf(req)))) if (value !== undefined) url.searchParams.set(name, value);
  return seeOther(reply, url.href);
};

const handler = (ctx: IdentityContext) => async (req: FastifyRequest, reply: FastifyReply) => {
  const provider = (req.params as { provider: string }).provider;
  reply.header('cache-control', 'no-store');
  const continuityCookie = readContinuityCookie(req, ctx.config);
  clearContinuityCookie(reply, ctx.config);
  try {
    const csrfSecret = readCsrfCookie(req, ctx.config);
    const outcome = await completeOidcCallback(ctx, provider, paramsOf(req.query as Record<string, unknown>), {
      continuityCookie, csrfCookie: csrfSecret, csrfSecret, device: deviceOf(req), request: requestFactsOf(req), current: await currentSession(ctx, req),
    });
    if (outcome.kind === 'invalid') return answerFlow(ctx, reply, outcome.flow, false, 400);
    // A native app's flow: to its return_to, with the session-token exchange's code after a sign-in; no cookie.
    if (outcome.kind === 'native') return seeOther(reply, outcome.redirectTo);
    // A provider linked in settings (or refused there): back to the settings flow, or its return_to once done.
    if (outcome.kind === 'settings') return seeOther(reply, outcome.flow.state === 'success' && outcome.flow.returnTo ? outcome.flow.returnTo : flowUiUrl(ctx, 'settings', outcome.flow.id));
    if (outcome.kind !== 'success') return seeOther(reply, ctx.config.selfservice.defaultBrowserReturnUrl);
    setSessionCookie(reply, ctx.config, outcome.issued);
    return seeOther(reply, outcome.redirectTo);
  } catch (err) {
    // Errors with a way out (a settings link whose session aged at the provider: re-authenticate) go there, as at the link's start.
    if (err instanceof IdentityError && typeof err.extra.redirect_browser_to === 'string') return seeOther(reply, err.extra.redirect_browser_to);
    return answerError(ctx, req, reply, err, { redirect: true, kind: 'login' });
  }
};

export const registerOidcCallbackRoutes: RegisterRoutes = (app, { identity: ctx }) => {
  if (ctx === undefined) return;
  // A mapper that names a trait the identity schema lacks stops the start (docs/operations/social-sign-in.md).
  checkOidcMappers(ctx.config);
  app.get('/self-service/methods/oidc/callback/:provider', { schema: frontendSchemas.oidcCallback('GET') }, handler(ctx));
  app.post('/self-service/methods/oidc/callback/:provider', { schema: frontendSchemas.oidcCallback('POST') }, async (req, reply) => formPostAsGet(ctx, req, reply));
};

/**
 * Logout (docs/compatibility.md §2.1): GET /self-service/logout/browser → {logout_url, logout_token};
 * GET /self-service/logout?token=&return_to= ends the session, clears the cookie and answers 303
 * (204 for JSON) and ends the browser's OAuth2 login session too; DELETE /self-service/logout/api {session_token} → 204.
 */
import type { FastifyRequest } from 'fastify';
import { createLogoutUrl, performBrowserLogout, performNativeLogout } from '@olympus/identity';
import type { RegisterRoutes } from '../deps.ts';
import { frontendSchemas } from './self-service.schema.ts';
import { answerError, seeOther, wantsJson } from './render.ts';
import { endOAuth2Session } from '../end-oauth2-session.ts';
import { clearSessionCookie, currentSession } from './session-cookie.ts';

const q = (req: FastifyRequest, name: string): string | undefined => {
  const v = (req.query as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : undefined;
};

export const registerLogoutFlowRoutes: RegisterRoutes = (app, { ctx: oauth2, identity: ctx }) => {
  if (ctx === undefined) return;
  app.get('/self-service/logout/browser', { schema: frontendSchemas.logoutUrl }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    return createLogoutUrl(ctx, await currentSession(ctx, req), q(req, 'return_to'));
  });

  app.get('/self-service/logout', { schema: frontendSchemas.logout }, async (req, reply) => {
    const json = wantsJson(req);
    try {
      const next = await performBrowserLogout(ctx, q(req, 'token'), q(req, 'return_to'));
      clearSessionCookie(reply, ctx.config);
      // The browser's remembered OAuth2 login ends with it, or the next authorization would skip the login.
      await endOAuth2Session(oauth2, req, reply);
      return json ? reply.code(204).send() : seeOther(reply, next);
    } catch (err) {
      return answerError(ctx, req, reply, err, { redirect: !json });
    }
  });

  app.delete('/self-service/logout/api', { schema: frontendSchemas.nativeLogout }, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    await performNativeLogout(ctx, body.session_token);
    return reply.code(204).send();
  });
};

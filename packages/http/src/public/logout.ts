import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthorizeRejected, finishLogout, startLogout } from '@olympus/oauth2';
import type { RegisterRoutes } from '../deps.ts';
import { requestParams } from '../form-body.ts';
import { ShowErrorPage } from '../errors.ts';
import { readCookies } from '../cookies.ts';
import { sendBrowserStep } from '../browser-step.ts';
import { cookiePolicyOf } from '../cookie-policy.ts';
import { oauth2Schemas } from './oauth2.schema.ts';

/** GET/POST /oauth2/sessions/logout: RP-initiated logout and the return from the logout UI. */
export const registerLogoutRoutes: RegisterRoutes = (app, { ctx }) => {
  const policy = cookiePolicyOf(ctx.config);
  const handler = async (req: FastifyRequest, reply: FastifyReply) => {
    const params = requestParams(req);
    try {
      const step = params.logout_verifier
        ? finishLogout(ctx, params.logout_verifier)
        : await startLogout(ctx, params, new URL(req.url, ctx.config.serve.public.url).toString(), readCookies(req, policy), String(req.id));
      return sendBrowserStep(reply, step, policy, req.method);
    } catch (err) {
      if (err instanceof AuthorizeRejected) throw new ShowErrorPage(err.error);
      throw err;
    }
  };
  app.get('/oauth2/sessions/logout', { schema: oauth2Schemas.logout('GET') }, handler);
  app.post('/oauth2/sessions/logout', { schema: oauth2Schemas.logout('POST') }, handler);
};

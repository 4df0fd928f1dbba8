/**
 * POST /playground/logout: RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0 §2) with the
 * run's ID token as `id_token_hint`, the playground as `post_logout_redirect_uri` and a fresh `state`
 * that GET /playground checks when the browser comes back (setup-page.ts). The tokens are dropped.
 */
import type { FastifyInstance } from 'fastify';
import { randomToken } from '@olympus/crypto';
import type { HttpDeps } from '@olympus/http';
import { endpointsOf } from '@olympus/oauth2';
import { playgroundUrl } from '../client.ts';
import { pageFor } from '../shell.ts';
import { writeSession } from '../session/cookie.ts';
import { postedSession } from './guard.ts';
import { missingToken, sendStep } from './step-page.ts';
import { pageSchema } from '@olympus/http';

export const registerLogoutStep = (app: FastifyInstance, { ctx }: HttpDeps): void => {
  app.post('/playground/logout', { schema: pageSchema({ summary: 'Playground: RP-initiated logout', tag: 'playground' }) }, async (req, reply) => {
    const session = postedSession(ctx, req, reply);
    if (session === undefined) return reply;
    const idToken = session.tokens?.id_token;
    if (idToken === undefined) {
      const page = pageFor(req);
      return sendStep(ctx, page, reply, session, page.t.t('steps.logout'), missingToken(page, 'id_token'));
    }
    const state = randomToken(24);
    const url = new URL(endpointsOf(ctx.config).endSession);
    url.search = new URLSearchParams({ id_token_hint: idToken, post_logout_redirect_uri: playgroundUrl(ctx), state }).toString();
    const { tokens: _dropped, spentRefreshToken: _spent, nonce: _nonce, ...rest } = session;
    writeSession(reply, ctx, { ...rest, logoutState: state });
    // 303: the browser follows with GET (RFC 9110 §15.4.4), the logout request OIDC RP-Initiated Logout §2 defines.
    return reply.code(303).header('location', url.toString()).send();
  });
};

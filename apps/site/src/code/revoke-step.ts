/**
 * POST /playground/revoke: revokes the access or the refresh token (RFC 7009 §2.1; a refresh token
 * takes the access tokens of its grant with it, §2.1 "SHOULD also invalidate"), then calls userinfo
 * with the access token, which a revoked token no longer opens: 401 (RFC 6750 §3.1 invalid_token).
 */
import type { FastifyInstance } from 'fastify';
import { html, type HttpDeps, pageSchema } from '@olympus/http';
import { renderExchange } from '../http-exchange.ts';
import { pageFor } from '../shell.ts';
import { formOf } from '../session/csrf.ts';
import { revokeRequest, userinfoRequest } from './exchange.ts';
import { postedSession } from './guard.ts';
import { missingToken, sendStep } from './step-page.ts';
import { checkLine } from './verdict.ts';

export const registerRevokeStep = (app: FastifyInstance, { ctx }: HttpDeps): void => {
  app.post('/playground/revoke', { schema: pageSchema({ summary: 'Playground: revoke a token', tag: 'playground' }) }, async (req, reply) => {
    const session = postedSession(ctx, req, reply);
    if (session === undefined) return reply;
    const page = pageFor(req);
    const { t } = page;
    const which = formOf(req).token === 'refresh_token' ? 'refresh_token' : 'access_token';
    const title = t.t(which === 'refresh_token' ? 'steps.revoke_refresh' : 'steps.revoke_access');
    const tokens = session.tokens ?? {};
    const token = tokens[which];
    if (token === undefined) return sendStep(ctx, page, reply, session, title, missingToken(page, which));
    const revoked = await revokeRequest(app, ctx, session, token, which);
    const access = tokens.access_token;
    const after = access === undefined ? undefined : await userinfoRequest(app, ctx, access);
    const refused = after?.response.status === 401;
    if (revoked.response.status === 200) delete tokens[which];
    if (refused) delete tokens.access_token;
    if (which === 'refresh_token' && revoked.response.status === 200) delete session.spentRefreshToken;
    return sendStep(ctx, page, reply, session, title, html`<section class="card" aria-labelledby="revoke"><h2 id="revoke">${t.t('revoke.request')}</h2><p>${t.t('revoke.intro')}</p>${renderExchange(t, ctx.config, revoked)}</section>
${after === undefined ? '' : html`<section class="card" aria-labelledby="revoked-userinfo"><h2 id="revoked-userinfo">${t.t('revoke.userinfo')}</h2>${renderExchange(t, ctx.config, after)}
<ul class="checks">${checkLine(t, refused, t.t(refused ? 'revoke.refused' : 'revoke.still_active', { status: after.response.status }))}</ul></section>`}`);
  });
};

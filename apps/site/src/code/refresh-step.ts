/**
 * POST /playground/refresh: the refresh grant (RFC 6749 §6) and the rotation it shows (RFC 9700
 * §4.14.2): new tokens, the previous refresh token now spent. POST /playground/replay sends the spent
 * one again: the server refuses it with invalid_grant and revokes the whole token family, which the
 * second request (the newest refresh token, refused too) shows.
 */
import type { FastifyInstance } from 'fastify';
import { html, type HttpDeps, pageSchema } from '@olympus/http';
import { renderExchange } from '../http-exchange.ts';
import { pageFor } from '../shell.ts';
import { tokenRequest } from './exchange.ts';
import { postedSession } from './guard.ts';
import { missingToken, sendStep } from './step-page.ts';
import { tokenResults } from './token-results.ts';
import { checkLine } from './verdict.ts';

/** Enough of a token to tell two apart on the page. */
const tail = (token: string): string => `…${token.slice(-8)}`;

export const registerRefreshSteps = (app: FastifyInstance, { ctx }: HttpDeps): void => {
  app.post('/playground/refresh', { schema: pageSchema({ summary: 'Playground: refresh the tokens', tag: 'playground' }) }, async (req, reply) => {
    const session = postedSession(ctx, req, reply);
    if (session === undefined) return reply;
    const page = pageFor(req);
    const { t } = page;
    const previous = session.tokens?.refresh_token;
    if (previous === undefined) return sendStep(ctx, page, reply, session, t.t('steps.refresh'), missingToken(page, 'refresh_token'));
    const exchange = await tokenRequest(app, ctx, session, { grant_type: 'refresh_token', refresh_token: previous });
    const results = await tokenResults(ctx, t, session, exchange, 'refresh');
    const rotated = exchange.response.status === 200 && session.tokens?.refresh_token !== undefined && session.tokens.refresh_token !== previous;
    if (rotated) session.spentRefreshToken = previous;
    const rotation = exchange.response.status !== 200 ? html`` : html`<section class="card" aria-labelledby="rotation"><h2 id="rotation">${t.t('refresh.rotation')}</h2>
<ul class="checks">${checkLine(t, rotated, t.t(rotated ? 'refresh.rotated' : 'refresh.not_rotated', { previous: tail(previous), current: tail(session.tokens?.refresh_token ?? '') }))}</ul></section>`;
    return sendStep(ctx, page, reply, session, t.t('steps.refresh'), html`<div class="card">${renderExchange(t, ctx.config, exchange, 2)}</div>${rotation}${results}`);
  });

  app.post('/playground/replay', { schema: pageSchema({ summary: 'Playground: replay a spent refresh token', tag: 'playground' }) }, async (req, reply) => {
    const session = postedSession(ctx, req, reply);
    if (session === undefined) return reply;
    const page = pageFor(req);
    const { t } = page;
    const spent = session.spentRefreshToken;
    if (spent === undefined) return sendStep(ctx, page, reply, session, t.t('steps.replay'), missingToken(page, 'refresh_token'));
    const replay = await tokenRequest(app, ctx, session, { grant_type: 'refresh_token', refresh_token: spent });
    const current = session.tokens?.refresh_token;
    const family = current === undefined ? undefined : await tokenRequest(app, ctx, session, { grant_type: 'refresh_token', refresh_token: current });
    const refused = replay.response.status === 400 && (family === undefined || family.response.status === 400);
    delete session.spentRefreshToken;
    if (session.tokens !== undefined) delete session.tokens.refresh_token;
    return sendStep(ctx, page, reply, session, t.t('steps.replay'), html`<p>${t.t('replay.intro')}</p>
<section class="card" aria-labelledby="replay-1"><h2 id="replay-1">${t.t('replay.spent')}</h2>${renderExchange(t, ctx.config, replay)}</section>
${family === undefined ? '' : html`<section class="card" aria-labelledby="replay-2"><h2 id="replay-2">${t.t('replay.family')}</h2>${renderExchange(t, ctx.config, family)}</section>`}
<section class="card" aria-labelledby="replay-why"><h2 id="replay-why">${t.t('replay.why')}</h2><ul class="checks">${checkLine(t, refused, t.t(refused ? 'replay.revoked' : 'replay.not_revoked'))}</ul><p>${t.t('replay.protection')}</p></section>`);
  });
};

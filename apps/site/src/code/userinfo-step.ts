/**
 * POST /playground/userinfo: the userinfo request with the access token (OIDC Core §5.3) and its
 * response; the `sub` it returns must equal the ID token's `sub` (OIDC Core §5.3.2), else the
 * response may belong to someone else and must not be used.
 */
import type { FastifyInstance } from 'fastify';
import { decodeJwt } from 'jose';
import { html, type HttpDeps, type SafeHtml, pageSchema } from '@olympus/http';
import { jsonOf, renderExchange, type HttpExchange } from '../http-exchange.ts';
import type { Translator } from '../i18n/translator.ts';
import { pageFor } from '../shell.ts';
import { userinfoRequest } from './exchange.ts';
import { postedSession } from './guard.ts';
import { missingToken, sendStep } from './step-page.ts';
import { checkLine } from './verdict.ts';

const subjectOf = (idToken: string | undefined): string | undefined => {
  try {
    return idToken === undefined ? undefined : String(decodeJwt(idToken).sub);
  } catch {
    return undefined;
  }
};

export const subjectCheck = (t: Translator, exchange: HttpExchange, idToken: string | undefined): SafeHtml => {
  const json = jsonOf(exchange);
  if (exchange.response.status !== 200 || json === undefined) return html``;
  const expected = subjectOf(idToken);
  const got = typeof json.sub === 'string' ? json.sub : '';
  const ok = expected !== undefined && got === expected;
  return html`<ul class="checks">${checkLine(t, ok, t.t(ok ? 'userinfo.sub_ok' : 'userinfo.sub_bad', { sub: got, expected: expected ?? '—' }))}</ul>`;
};

export const registerUserinfoStep = (app: FastifyInstance, { ctx }: HttpDeps): void => {
  app.post('/playground/userinfo', { schema: pageSchema({ summary: 'Playground: call userinfo', tag: 'playground' }) }, async (req, reply) => {
    const session = postedSession(ctx, req, reply);
    if (session === undefined) return reply;
    const page = pageFor(req);
    const token = session.tokens?.access_token;
    if (token === undefined) return sendStep(ctx, page, reply, session, page.t.t('steps.userinfo'), missingToken(page, 'access_token'));
    const exchange = await userinfoRequest(app, ctx, token);
    return sendStep(ctx, page, reply, session, page.t.t('steps.userinfo'), html`<div class="card">${renderExchange(page.t, ctx.config, exchange, 2)}${subjectCheck(page.t, exchange, session.tokens?.id_token)}</div>`);
  });
};

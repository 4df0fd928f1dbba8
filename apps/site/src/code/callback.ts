/**
 * GET and POST (form_post) /playground/callback: the authorization response's parameters, `state`
 * and `iss` checked, an error explained; on success the code is exchanged at once (the token request
 * in full, its secret redacted, and the response), then the tokens and the next steps.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { html, type HttpDeps, type SafeHtml, pageSchema } from '@olympus/http';
import type { OAuth2Context } from '@olympus/oauth2';
import { renderExchange } from '../http-exchange.ts';
import { pageFor, type Page } from '../shell.ts';
import { readSession, writeSession } from '../session/cookie.ts';
import { formOf } from '../session/csrf.ts';
import type { PlaygroundSession } from '../session/state.ts';
import { afterSteps } from './after-steps.ts';
import { callbackUrl } from './authorize-url.ts';
import { checkIssuer, checkState, type CallbackCheck } from './callback-checks.ts';
import { callbackError } from './callback-error.ts';
import { tokenRequest } from './exchange.ts';
import { tokenResults } from './token-results.ts';
import { checkLine } from './verdict.ts';

const receivedParams = (req: FastifyRequest): Record<string, string> => {
  const source = req.method === 'POST' ? formOf(req) : ((req.query ?? {}) as Record<string, unknown>);
  return Object.fromEntries(Object.entries(source).filter((e): e is [string, string] => typeof e[1] === 'string'));
};

const paramsTable = (page: Page, params: Record<string, string>, mode: string): SafeHtml => html`<section class="card" aria-labelledby="received"><h2 id="received">${page.t.t('callback.received')}</h2>
<p class="hint">${page.t.t(mode === 'POST' ? 'callback.via_form_post' : 'callback.via_query')}</p>
<table><tbody>${Object.entries(params).map(([k, v]) => html`<tr><th scope="row"><code>${k}</code></th><td><code>${v}</code></td></tr>`)}</tbody></table></section>`;

const checksList = (page: Page, checks: readonly CallbackCheck[]): SafeHtml => html`<section class="card" aria-labelledby="cb-checks"><h2 id="cb-checks">${page.t.t('callback.checks')}</h2>
<ul class="checks">${checks.map((c) => checkLine(page.t, c.ok, html`<code>${c.name}</code> — ${page.t.t(c.reason)}`))}</ul></section>`;

const exchangeCode = async (app: FastifyInstance, ctx: OAuth2Context, page: Page, session: PlaygroundSession, code: string, verifier: string): Promise<SafeHtml> => {
  const exchange = await tokenRequest(app, ctx, session, { grant_type: 'authorization_code', code, redirect_uri: callbackUrl(ctx), code_verifier: verifier });
  const results = await tokenResults(ctx, page.t, session, exchange);
  return html`<section aria-labelledby="exchange"><h2 id="exchange">${page.t.t('callback.exchange')}</h2><p>${page.t.t('callback.exchange.intro')}</p>
<div class="card">${renderExchange(page.t, ctx.config, exchange)}</div></section>${results}${session.tokens === undefined ? '' : afterSteps(page.t, session)}`;
};

const handle = async (app: FastifyInstance, ctx: OAuth2Context, req: FastifyRequest, reply: FastifyReply) => {
  const page = pageFor(req);
  const { t } = page;
  const session = readSession(req, ctx);
  const params = receivedParams(req);
  if (session === undefined) {
    return page.send(reply, t.t('callback.title'), html`<h1>${t.t('callback.title')}</h1>${paramsTable(page, params, req.method)}
<div class="card" role="alert"><p class="fail">${t.t('guard.no_session')}</p></div><p><a class="button" href="/playground">${t.t('guard.again')}</a></p>`, 400);
  }
  const pending = session.pending;
  const checks = [checkState(params.state, pending), checkIssuer(params.iss, ctx.config.urls.issuer)];
  const passed = checks.every((c) => c.ok);
  // The state is single-use: whatever came back, this pending authorization is over.
  const next: PlaygroundSession = { ...session, pending: undefined, ...(passed && pending !== undefined ? { nonce: pending.nonce } : {}) };
  let outcome: SafeHtml;
  if (params.error !== undefined) outcome = callbackError(t, ctx, params, session.settings.client_id);
  else if (!passed) outcome = html`<div class="card" role="alert"><p class="fail">${t.t('callback.not_exchanged')}</p></div>`;
  else if (params.code === undefined || pending === undefined) outcome = html`<div class="card" role="alert"><p class="fail">${t.t('callback.no_code')}</p></div>`;
  else outcome = await exchangeCode(app, ctx, page, next, params.code, pending.verifier);
  writeSession(reply, ctx, next);
  return page.send(reply, t.t('callback.title'), html`<h1>${t.t('callback.title')}</h1>${paramsTable(page, params, req.method)}${checksList(page, checks)}${outcome}
<p><a href="/playground">${t.t('callback.again')}</a></p>`);
};

export const registerCallback = (app: FastifyInstance, { ctx }: HttpDeps): void => {
  app.get('/playground/callback', { schema: pageSchema({ summary: 'Playground: the redirect URI', tag: 'playground', query: { code: 'Authorization code', state: 'State', iss: 'RFC 9207 issuer', error: 'OAuth2 error' } }) }, async (req, reply) => handle(app, ctx, req, reply));
  app.post('/playground/callback', { schema: pageSchema({ summary: 'Playground: the redirect URI (form_post)', tag: 'playground', form: { code: 'Authorization code', state: 'State', iss: 'RFC 9207 issuer', error: 'OAuth2 error' } }) }, async (req, reply) => handle(app, ctx, req, reply));
};

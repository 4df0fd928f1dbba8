/**
 * GET/POST /playground/client-credentials: a confidential client's ID and secret → the token
 * request made in-process (app.inject on the public instance), the exchange with the Authorization
 * header and client_secret redacted, the access token decoded (or "opaque") and checked, its trace.
 * A refusal is explained with its troubleshooting page. The secret lives only for the one call.
 */
import type { FastifyInstance } from 'fastify';
import { html, type HttpDeps, type SafeHtml, pageSchema } from '@olympus/http';
import type { OAuth2Context } from '@olympus/oauth2';
import { jsonOf, renderExchange, type HttpExchange } from '../http-exchange.ts';
import type { Translator } from '../i18n/translator.ts';
import { pageFor, type Page } from '../shell.ts';
import { checkAccessToken, renderToken } from '../tokens/index.ts';
import { errorHelp } from './error-help.ts';
import { credentialsForm, PATH } from './form.ts';
import { credentialsFormOf, requestClientCredentials } from './request.ts';

const intro = (page: Page): SafeHtml => html`<h1>${page.t.t('cc.title')}</h1><p>${page.t.t('cc.intro')}</p>`;

const tokenView = async (ctx: OAuth2Context, t: Translator, accessToken: string): Promise<SafeHtml> => {
  const now = ctx.now();
  const checks = await checkAccessToken(accessToken, await ctx.keys.publicJwks(), { issuer: ctx.config.urls.issuer, now });
  return renderToken(t, { title: t.t('cc.access_token'), token: accessToken, checks, now });
};

const outcome = async (ctx: OAuth2Context, t: Translator, exchange: HttpExchange): Promise<SafeHtml> => {
  const body = jsonOf(exchange) ?? {};
  if (exchange.response.status === 200 && typeof body.access_token === 'string') {
    return html`<p class="ok" role="status"><span aria-hidden="true">✔</span> ${t.t('cc.issued')}</p>${await tokenView(ctx, t, body.access_token)}`;
  }
  return errorHelp(t, ctx.config.serve.public.url, body);
};

export const registerClientCredentialsPage = (app: FastifyInstance, { ctx }: HttpDeps): void => {
  app.get(PATH, { schema: pageSchema({ summary: 'Playground: client credentials grant', tag: 'playground' }) }, async (req, reply) => {
    const page = pageFor(req);
    return page.send(reply, page.t.t('cc.title'), html`${intro(page)}${credentialsForm(page.t)}`);
  });

  app.post(PATH, { schema: pageSchema({ summary: 'Playground: client credentials grant', tag: 'playground' }) }, async (req, reply) => {
    const page = pageFor(req);
    const form = credentialsFormOf((req.body ?? {}) as Record<string, unknown>);
    if (form.clientId === '' || form.secret === '') {
      return page.send(reply, page.t.t('cc.title'), html`${intro(page)}<p class="fail" role="alert">${page.t.t('cc.missing')}</p>${credentialsForm(page.t, form)}`, 400);
    }
    const exchange = await requestClientCredentials(app, ctx, form);
    return page.send(reply, page.t.t('cc.title'), html`${intro(page)}${credentialsForm(page.t, form)}
${await outcome(ctx, page.t, exchange)}
<section class="card" aria-labelledby="cc-exchange"><h2 id="cc-exchange">${page.t.t('cc.exchange')}</h2>${renderExchange(page.t, ctx.config, exchange, 3)}</section>`);
  });
};

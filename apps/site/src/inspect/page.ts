/**
 * GET/POST /playground/inspect: paste a JWT, see it decoded and checked against this server's JWKS.
 * The token comes only in a POST body (never a query string, which access logs keep), is answered
 * to this browser in a no-store page, and is neither logged nor stored.
 */
import type { FastifyInstance } from 'fastify';
import { html, type HttpDeps, type SafeHtml, pageSchema } from '@olympus/http';
import { pageFor, type Page } from '../shell.ts';
import { renderToken } from '../tokens/index.ts';
import { inspectToken } from './checks.ts';

const PATH = '/playground/inspect';

const form = (page: Page, token: string): SafeHtml => html`<form class="card" method="post" action="${PATH}">
<label for="token">${page.t.t('inspect.token')}</label>
<textarea id="token" name="token" rows="8" spellcheck="false" autocomplete="off" aria-describedby="token-hint" required>${token}</textarea>
<p class="hint" id="token-hint">${page.t.t('inspect.token.hint')}</p>
<div class="actions"><button class="primary" type="submit">${page.t.t('inspect.submit')}</button></div>
</form>`;

const intro = (page: Page, jwksUrl: string): SafeHtml => html`<h1>${page.t.t('inspect.title')}</h1>
<p>${page.t.t('inspect.intro')} <a href="${jwksUrl}">${jwksUrl}</a></p>`;

export const registerInspectPage = (app: FastifyInstance, { ctx }: HttpDeps): void => {
  const jwksUrl = new URL('/.well-known/jwks.json', ctx.config.serve.public.url).toString();

  app.get(PATH, { schema: pageSchema({ summary: 'Playground: inspect a token', tag: 'playground' }) }, async (req, reply) => {
    const page = pageFor(req);
    return page.send(reply, page.t.t('inspect.title'), html`${intro(page, jwksUrl)}${form(page, '')}`);
  });

  app.post(PATH, { schema: pageSchema({ summary: 'Playground: inspect a token', tag: 'playground', form: { token: 'The token' } }) }, async (req, reply) => {
    const page = pageFor(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const token = typeof body.token === 'string' ? body.token.trim() : '';
    if (token === '') {
      return page.send(reply, page.t.t('inspect.title'), html`${intro(page, jwksUrl)}<p class="fail" role="alert">${page.t.t('inspect.empty')}</p>${form(page, '')}`, 400);
    }
    const { kind, checks } = await inspectToken(ctx, token);
    const result = renderToken(page.t, { title: page.t.t(`inspect.kind.${kind}`), token, checks, now: ctx.now() });
    return page.send(reply, page.t.t('inspect.title'), html`${intro(page, jwksUrl)}${form(page, token)}<div role="status">${result}</div>`);
  });
};

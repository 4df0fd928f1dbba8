/**
 * POST /playground/authorize: checks the client, makes state, nonce and the PKCE verifier, keeps them
 * (and a confidential client's secret) in the sealed session, and shows the authorization URL
 * parameter by parameter with the verifier and its S256 challenge, and a link that goes there.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { html, type HttpDeps, pageSchema } from '@olympus/http';
import type { OAuth2Context } from '@olympus/oauth2';
import type { MessageKey } from '../i18n/en.ts';
import { pageFor, type Page } from '../shell.ts';
import { writeSession } from '../session/cookie.ts';
import { formOf } from '../session/csrf.ts';
import { newPendingAuthorization, pkceChallenge, type PendingAuthorization, type PlaygroundSession } from '../session/state.ts';
import { settingsFrom } from '../settings.ts';
import { authorizationParams, authorizationUrl } from './authorize-url.ts';
import { clientFacts, clientProblem, usesSecret } from './client-check.ts';
import { postedSession } from './guard.ts';
import { renderSetup } from './setup-page.ts';

const meaning = (page: Page, name: string): string => page.t.t(`authorize.param.${name}` as MessageKey);

const showRequest = (ctx: OAuth2Context, page: Page, reply: FastifyReply, session: PlaygroundSession, pending: PendingAuthorization) => {
  const params = authorizationParams(ctx, session.settings, pending);
  const url = authorizationUrl(ctx, params);
  const { t } = page;
  return page.send(reply, t.t('authorize.title'), html`<h1>${t.t('authorize.title')}</h1>
<p>${t.t('authorize.intro')}</p>
<section class="card" aria-labelledby="params"><h2 id="params">${t.t('authorize.params')}</h2>
<table><thead><tr><th scope="col">${t.t('authorize.name')}</th><th scope="col">${t.t('authorize.value')}</th><th scope="col">${t.t('authorize.meaning')}</th></tr></thead>
<tbody>${params.map(([name, value]) => html`<tr><th scope="row"><code>${name}</code></th><td><code>${value}</code></td><td>${meaning(page, name)}</td></tr>`)}</tbody></table></section>
<section class="card" aria-labelledby="pkce"><h2 id="pkce">${t.t('authorize.pkce')}</h2>
<dl><dt>${t.t('authorize.verifier')}</dt><dd><code>${pending.verifier}</code></dd>
<dt>${t.t('authorize.challenge')}</dt><dd><code>${pkceChallenge(pending.verifier)}</code></dd></dl>
<p class="hint">${t.t('authorize.pkce.hint')}</p></section>
<section class="card" aria-labelledby="url"><h2 id="url">${t.t('authorize.url')}</h2><pre>${url}</pre>
<p class="actions"><a class="button" id="go" href="${url}">${t.t('authorize.go')}</a></p></section>`);
};

export const registerAuthorizePage = (app: FastifyInstance, { ctx }: HttpDeps): void => {
  app.post('/playground/authorize', { schema: pageSchema({ summary: 'Playground: start the authorization request', tag: 'playground' }) }, async (req, reply) => {
    const session = postedSession(ctx, req, reply);
    if (session === undefined) return reply;
    const page = pageFor(req);
    const form = formOf(req);
    const settings = settingsFrom(form);
    const posted = typeof form.client_secret === 'string' ? form.client_secret : '';
    // A held secret belongs to the client it came with: another client id drops it.
    const secret = posted !== '' ? posted : session.settings.client_id === settings.client_id ? session.secret : undefined;
    const facts = await clientFacts(ctx, settings.client_id);
    const problem = clientProblem(page.t, ctx, facts);
    if (problem !== undefined) return renderSetup(ctx, page, reply, session, settings, html``, 400);
    if (usesSecret(facts) && secret === undefined) {
      return renderSetup(ctx, page, reply, session, settings, html`<div class="card" role="alert"><p class="fail">${page.t.t('authorize.secret_needed', { id: facts.id, method: facts.authMethod })}</p></div>`, 400);
    }
    const pending = newPendingAuthorization();
    const next: PlaygroundSession = { csrf: session.csrf, settings, pending, ...(usesSecret(facts) && secret !== undefined ? { secret } : {}) };
    writeSession(reply, ctx, next);
    return showRequest(ctx, page, reply, next, pending);
  });
};

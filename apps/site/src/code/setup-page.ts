/**
 * GET /playground: set up a run (setup-form.ts), a share link of the settings, the way back from
 * RP-initiated logout (its `state` checked) and, when this browser holds tokens, the next steps.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { constantTimeEqual } from '@olympus/crypto';
import { html, type HttpDeps, type SafeHtml, pageSchema } from '@olympus/http';
import type { OAuth2Context } from '@olympus/oauth2';
import { PLAYGROUND_CLIENT_ID, playgroundUrl } from '../client.ts';
import { pageFor, type Page } from '../shell.ts';
import { readSession, writeSession } from '../session/cookie.ts';
import { newSession, type PlaygroundSession } from '../session/state.ts';
import { carriesSettings, settingsFrom, shareLink, type Settings } from '../settings.ts';
import { afterSteps } from './after-steps.ts';
import { clientFacts, clientProblem } from './client-check.ts';
import { setupForm } from './setup-form.ts';
import { verdict } from './verdict.ts';

const queryOf = (req: FastifyRequest): Record<string, unknown> => (req.query ?? {}) as Record<string, unknown>;

/** After RP-initiated logout the server sends the browser back with the `state` the playground sent (OIDC RP-Initiated Logout §3). */
const loggedOut = (page: Page, session: PlaygroundSession, state: unknown): SafeHtml => {
  if (session.logoutState === undefined || typeof state !== 'string') return html``;
  const ok = constantTimeEqual(state, session.logoutState);
  return html`<div class="card" role="status"><h2>${page.t.t('logout.back')}</h2><p>${verdict(page.t, ok)}: ${page.t.t(ok ? 'logout.state_ok' : 'logout.state_bad')}</p></div>`;
};

export const renderSetup = async (ctx: OAuth2Context, page: Page, reply: FastifyReply, session: PlaygroundSession, settings: Settings, notice: SafeHtml = html``, status = 200) => {
  const problem = settings.client_id === PLAYGROUND_CLIENT_ID ? undefined : clientProblem(page.t, ctx, await clientFacts(ctx, settings.client_id));
  const share = shareLink(playgroundUrl(ctx), settings);
  return page.send(reply, page.t.t('setup.title'), html`<h1>${page.t.t('setup.title')}</h1>
<p>${page.t.t('setup.intro')}</p>
${notice}${problem ?? ''}
${session.tokens === undefined ? '' : afterSteps(page.t, session)}
${setupForm(page.t, session, settings)}
<section class="card" aria-labelledby="share"><h2 id="share">${page.t.t('setup.share')}</h2><p class="hint">${page.t.t('setup.share.hint')}</p><p><a href="${share}">${share}</a></p></section>`, status);
};

export const registerSetupPage = (app: FastifyInstance, { ctx }: HttpDeps): void => {
  app.get('/playground', { schema: pageSchema({ summary: 'Playground: set up an authorization request', tag: 'playground' }) }, async (req, reply) => {
    const page = pageFor(req);
    const query = queryOf(req);
    const session = readSession(req, ctx) ?? newSession();
    const notice = loggedOut(page, session, query.state);
    const settings = carriesSettings(query) ? settingsFrom(query) : session.settings;
    if (session.logoutState !== undefined && typeof query.state === 'string') delete session.logoutState;
    writeSession(reply, ctx, session);
    return renderSetup(ctx, page, reply, session, settings, notice);
  });
};

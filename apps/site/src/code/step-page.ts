/**
 * A step's page after the tokens (userinfo, refresh, replay, revoke): its title, what it showed, then
 * the next steps and the way back to the setup. The session is written back before the page is sent.
 */
import type { FastifyReply } from 'fastify';
import type { OAuth2Context } from '@olympus/oauth2';
import { html, type SafeHtml } from '@olympus/http';
import type { Page } from '../shell.ts';
import { writeSession } from '../session/cookie.ts';
import type { PlaygroundSession } from '../session/state.ts';
import { afterSteps } from './after-steps.ts';

export const sendStep = (ctx: OAuth2Context, page: Page, reply: FastifyReply, session: PlaygroundSession, title: string, body: SafeHtml, withSteps = true): FastifyReply => {
  writeSession(reply, ctx, session);
  return page.send(reply, title, html`<h1>${title}</h1>
${body}
${withSteps ? afterSteps(page.t, session) : ''}
<p><a href="/playground">${page.t.t('callback.again')}</a></p>`);
};

/** A step that needs a token this session no longer holds says so, instead of calling anything. */
export const missingToken = (page: Page, name: string): SafeHtml =>
  html`<div class="card" role="alert"><p class="fail">${page.t.t('steps.no_token', { token: name })}</p></div>`;

/**
 * The gate of every step the browser posts: a session must exist (the cookie opens) and the form's
 * CSRF token must match it. Otherwise the page says which, and nothing is called.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OAuth2Context } from '@olympus/oauth2';
import { html } from '@olympus/http';
import { pageFor } from '../shell.ts';
import { readSession } from '../session/cookie.ts';
import { csrfMatches } from '../session/csrf.ts';
import type { PlaygroundSession } from '../session/state.ts';

/** The session, or undefined after the refusal page has been sent. */
export const postedSession = (ctx: OAuth2Context, req: FastifyRequest, reply: FastifyReply): PlaygroundSession | undefined => {
  const session = readSession(req, ctx);
  if (session !== undefined && csrfMatches(req, session)) return session;
  const page = pageFor(req);
  const reason = session === undefined ? page.t.t('guard.no_session') : page.t.t('guard.csrf');
  void page.send(reply, page.t.t('guard.title'), html`<h1>${page.t.t('guard.title')}</h1>
<div class="card" role="alert"><p class="fail">${reason}</p></div>
<p><a class="button" href="/playground">${page.t.t('guard.again')}</a></p>`, 403);
  return undefined;
};

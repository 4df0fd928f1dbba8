/**
 * GET /sessions (browser navigations only) and POST /sessions/revoke: the devices signed in to the
 * user's account, and signing one of the others out. GET /sessions without a navigation stays
 * Kratos' JSON list (packages/http/src/identity/sessions.ts); the navigation constraint picks.
 * Revocation goes through revokeMySession, which only touches the caller's own sessions
 * (docs/security.md ID-11); its form token names the session, so a token for one device cannot
 * revoke another (AS-21).
 */
import type { FastifyInstance } from 'fastify';
import { revokeMySession, type Session } from '@olympus/identity';
import { RequestForbidden } from '@olympus/oauth2';
import { answerError, browserNavigationOnly, html, varyOnNavigation, type HttpDeps, pageSchema } from '@olympus/http';
import type { Translator } from '../i18n/translator.ts';
import { issueFormToken, postedFormTokenMatches } from '../form-token.ts';
import { formField, queryParam, seeOther } from '../send.ts';
import { messageList } from '../ui-nodes.ts';
import { accountShell, sessionOrLogin } from './signed-in.ts';
import { listDevices } from './devices.ts';

const revokeSubject = (sessionId: string): string => `revoke-session:${sessionId}`;

const when = (t: Translator, iso: string): string =>
  new Intl.DateTimeFormat(t.locale, { dateStyle: 'medium', timeStyle: 'long', timeZone: 'UTC' }).format(new Date(iso));

const details = (t: Translator, session: Session) => {
  const device = session.devices.at(-1);
  return html`<dl>
<dt>${t.t('sessions.device')}</dt><dd>${device?.user_agent || t.t('sessions.unknown')}</dd>
<dt>${t.t('sessions.ip')}</dt><dd>${device?.ip_address || t.t('sessions.unknown')}</dd>
<dt>${t.t('sessions.signed_in_at')}</dt><dd><time datetime="${session.authenticated_at}">${when(t, session.authenticated_at)}</time></dd>
</dl>`;
};

export const registerSessionsPage = (app: FastifyInstance, { ctx, identity }: HttpDeps): void => {
  if (identity === undefined) return;

  app.get('/sessions', { constraints: browserNavigationOnly(app), schema: { ...pageSchema({ summary: 'Signed-in devices', tag: 'hera' }), hide: true } }, async (req, reply) => {
    varyOnNavigation(reply);
    const current = await sessionOrLogin(identity, req, reply);
    if (current === undefined) return reply;
    const shell = accountShell(req, reply, identity, ctx.sealer, 'sessions');
    const { t } = shell;
    const others = await listDevices(identity, current);
    const revoked = queryParam(req, 'revoked') === '1' ? messageList(t, [{ id: 0, type: 'success', text: t.t('sessions.revoked') }]) : html``;
    const cards = others.map((session, index) => html`<section class="card" aria-labelledby="session-${index + 1}">
<h2 id="session-${index + 1}">${t.t('sessions.other', { number: index + 1 })}</h2>
${details(t, session)}
<form method="post" action="/sessions/revoke">
<input type="hidden" name="csrf_token" value="${issueFormToken(req, reply, identity.config, ctx.sealer, revokeSubject(session.id))}">
<input type="hidden" name="session_id" value="${session.id}">
<button type="submit" class="secondary" aria-label="${t.t('sessions.revoke.label', { number: index + 1 })}">${t.t('sessions.revoke')}</button>
</form>
</section>`);
    return shell.send(reply, t.t('sessions.title'), html`<h1>${t.t('sessions.heading')}</h1>
${revoked}
<section class="card current" aria-labelledby="session-current">
<h2 id="session-current">${t.t('sessions.current')}</h2>
${details(t, current.session)}
</section>
${others.length === 0 ? html`<p>${t.t('sessions.none_other')}</p>` : cards}`);
  });

  app.post('/sessions/revoke', { schema: pageSchema({ summary: 'Sign out a device', tag: 'hera', form: { session_id: 'Session id', csrf_token: 'The form token' } }) }, async (req, reply) => {
    const current = await sessionOrLogin(identity, req, reply);
    if (current === undefined) return reply;
    const sessionId = formField(req, 'session_id') ?? '';
    if (!postedFormTokenMatches(req, identity.config, ctx.sealer, formField(req, 'csrf_token'), revokeSubject(sessionId))) {
      throw new RequestForbidden('The form\'s CSRF token is missing or does not match this browser and session: reload the devices page and try again.');
    }
    try {
      await revokeMySession(identity, current, sessionId);
    } catch (err) {
      return answerError(identity, req, reply, err, { redirect: true });
    }
    return seeOther(reply, '/sessions?revoked=1');
  });
};

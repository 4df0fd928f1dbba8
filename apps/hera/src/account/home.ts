/**
 * GET /: the account home (selfservice.default_browser_return_url): who is signed in, whether their
 * addresses are verified (with the way to verify one), and the ways to manage the account.
 */
import type { FastifyInstance } from 'fastify';
import type { Identity } from '@olympus/identity';
import { html, type HttpDeps, pageSchema } from '@olympus/http';
import type { Translator } from '../i18n/translator.ts';
import { accountShell, sessionOrLogin } from './signed-in.ts';

/** What the user signed in with: the email trait when the schema has one, else the first identifier. */
const identifierOf = (identity: Identity): string => {
  const email = identity.traits.email;
  if (typeof email === 'string' && email !== '') return email;
  return identity.verifiable_addresses[0]?.value ?? identity.recovery_addresses[0]?.value ?? identity.id;
};

const addresses = (t: Translator, identity: Identity) => {
  if (identity.verifiable_addresses.length === 0) return html``;
  const unverified = identity.verifiable_addresses.some((a) => !a.verified);
  return html`<h2>${t.t('account.addresses')}</h2>
<ul>${identity.verifiable_addresses.map((a) => html`<li><span class="address">${a.value}</span>: <strong>${a.verified ? t.t('account.verified') : t.t('account.not_verified')}</strong></li>`)}</ul>
${unverified ? html`<p><a href="/verification">${t.t('account.verify')}</a></p>` : ''}`;
};

export const registerAccountHome = (app: FastifyInstance, { ctx, identity }: HttpDeps): void => {
  if (identity === undefined) return;

  app.get('/', { schema: pageSchema({ summary: 'Account home', tag: 'hera' }) }, async (req, reply) => {
    const current = await sessionOrLogin(identity, req, reply);
    if (current === undefined) return reply;
    const shell = accountShell(req, reply, identity, ctx.sealer, 'home');
    const { t } = shell;
    return shell.send(reply, t.t('account.title'), html`<h1>${t.t('account.heading')}</h1>
<p id="signed-in-as">${t.t('account.signed_in_as', { identifier: identifierOf(current.identity) })}</p>
${addresses(t, current.identity)}
<h2>${t.t('account.manage')}</h2>
<ul class="links">
<li><a href="/settings">${t.t('account.settings')}</a></li>
<li><a href="/sessions">${t.t('account.sessions')}</a></li>
</ul>`);
  });
};

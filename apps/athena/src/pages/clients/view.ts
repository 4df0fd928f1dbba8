/** One client: its Client ID (copyable), the secret once after creation, and its settings. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { html, readCookies, setCookies, type HttpDeps, type SafeHtml } from '@olympus/http';
import { recordConsoleChange } from '../../audit.ts';
import type { OAuth2Client, OAuth2Context } from '@olympus/oauth2';
import type { Translator } from '../../i18n/translator.ts';
import { policyOf } from '../../session/cookie.ts';
import type { Admin } from '../../session/guard.ts';
import { typeOf } from './list.ts';
import { SECRET_COOKIE, SECRET_PURPOSE } from './new.ts';

const copyable = (t: Translator, id: string, label: string, value: string): SafeHtml =>
  html`<div class="field"><label for="${id}">${label}</label><div class="copy"><input id="${id}" type="text" readonly value="${value}"><button type="button" class="secondary" data-copy="${id}">${t.t('client.copy')}</button></div></div>`;

/** The secret created a moment ago for this client, read once: the cookie is cleared as it is read. */
const takeNewSecret = (ctx: OAuth2Context, req: FastifyRequest, reply: FastifyReply, clientId: string): string | undefined => {
  const sealed = readCookies(req, policyOf(ctx.config))[SECRET_COOKIE];
  if (!sealed) return undefined;
  setCookies(reply, [{ name: SECRET_COOKIE, value: '', path: '/clients/', maxAgeSeconds: 0 }], policyOf(ctx.config));
  const opened = ctx.sealer.open(sealed, SECRET_PURPOSE);
  const flash = opened ? (JSON.parse(opened) as { id: string; secret: string }) : undefined;
  return flash?.id === clientId ? flash.secret : undefined;
};

const list = (t: Translator, values: readonly string[]): SafeHtml => (values.length === 0 ? html`${t.t('client.detail.none')}` : html`${values.join(', ')}`);

const details = (t: Translator, c: OAuth2Client): SafeHtml => html`<dl class="details">
<dt>${t.t('client.detail.type')}</dt><dd>${t.t(`clients.type.${typeOf(c)}`)}</dd>
<dt>${t.t('client.detail.auth_method')}</dt><dd>${c.token_endpoint_auth_method}</dd>
<dt>${t.t('client.detail.redirect_uris')}</dt><dd>${list(t, c.redirect_uris)}</dd>
<dt>${t.t('client.detail.grant_types')}</dt><dd>${list(t, c.grant_types)}</dd>
<dt>${t.t('client.detail.scope')}</dt><dd>${c.scope || t.t('client.detail.none')}</dd>
<dt>${t.t('client.detail.response_types')}</dt><dd>${list(t, c.response_types)}</dd>
<dt>${t.t('client.detail.created')}</dt><dd>${c.created_at}</dd>
</dl>`;

export const showClient = async (deps: HttpDeps, req: FastifyRequest, reply: FastifyReply, admin: Admin): Promise<FastifyReply> => {
  const { ctx } = deps;
  const { t } = admin.page;
  const id = (req.params as { id: string }).id;
  const stored = await ctx.clients.get(id);
  if (stored === undefined) {
    return admin.page.send(reply, t.t('error.title'), html`<h1>${t.t('error.title')}</h1><div role="alert"><p>${t.t('client.not_found', { id })}</p></div>`, 404);
  }
  const client = stored.client;
  const secret = takeNewSecret(ctx, req, reply, client.client_id);
  if (secret) await recordConsoleChange(deps, req, admin, { action: 'client.secret.show', target: { type: 'client', id: client.client_id, label: client.client_name } });
  const name = client.client_name || client.client_id;
  return admin.page.send(reply, t.t('client.view.title', { name }), html`<h1>${t.t('client.view.title', { name })}</h1>
<div class="card">
${copyable(t, 'client-id', t.t('client.id'), client.client_id)}
${secret ? html`<div role="status"><p>${t.t('client.secret.once')}</p></div>${copyable(t, 'client-secret', t.t('client.secret'), secret)}` : html``}
</div>
<div class="card">${details(t, client)}</div>`);
};

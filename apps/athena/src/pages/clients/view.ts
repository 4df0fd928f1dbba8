/** One client: its Client ID (copyable), the secret once after creation, and its settings. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { html, readCookies, setCookies, type HttpDeps, type SafeHtml } from '@olympus/http';
import { recordConsoleChange } from '../../audit.ts';
import { can } from '@olympus/identity';
import type { ClientSecrets, OAuth2Client, OAuth2Context } from '@olympus/oauth2';
import type { Translator } from '../../i18n/translator.ts';
import { policyOf } from '../../session/cookie.ts';
import type { Admin } from '../../session/guard.ts';
import { typeOf } from './list.ts';
import { clientOr404 } from './lookup.ts';
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

const DONE = { saved: 'client.done.saved', rotated: 'client.done.rotated', retired: 'client.done.retired' } as const;

const doneMessage = (t: Translator, req: FastifyRequest): SafeHtml => {
  const done = (req.query as Record<string, unknown>).done;
  return typeof done === 'string' && done in DONE ? html`<div role="status"><p>${t.t(DONE[done as keyof typeof DONE])}</p></div>` : html``;
};

/** Old secrets still accepted after a rotation, with when each stops — never a hash. */
const rotatedSecrets = (t: Translator, secrets: ClientSecrets, canWrite: boolean, base: string, csrf: string): SafeHtml => {
  if (secrets.rotated.length === 0) return html``;
  return html`<h2>${t.t('client.rotated.heading')}</h2>
<ul>${secrets.rotated.map((r) => html`<li>${r.expiresAt === null ? t.t('client.rotated.until_retired') : t.t('client.rotated.until', { time: new Date(r.expiresAt).toISOString() })}</li>`)}</ul>
${canWrite ? html`<form method="post" action="${base}/retire"><input type="hidden" name="csrf_token" value="${csrf}"><button type="submit" class="secondary">${t.t('client.retire')}</button></form>` : html``}`;
};

const actions = (t: Translator, client: OAuth2Client, base: string): SafeHtml => html`<div class="actions">
<a class="button" href="${base}/edit">${t.t('client.edit')}</a>
${client.token_endpoint_auth_method === 'none' ? html`` : html`<a class="button" href="${base}/rotate">${t.t('client.rotate')}</a>`}
<a href="${base}/delete">${t.t('client.delete')}</a>
</div>`;

export const showClient = (deps: HttpDeps, req: FastifyRequest, reply: FastifyReply, admin: Admin): Promise<FastifyReply> =>
  clientOr404(deps, req, reply, admin, async (client) => {
    const { t } = admin.page;
    const canWrite = can(admin.role, 'clients.write');
    const base = `/clients/${encodeURIComponent(client.client_id)}`;
    const secret = takeNewSecret(deps.ctx, req, reply, client.client_id);
    if (secret) await recordConsoleChange(deps, req, admin, { action: 'client.secret.show', target: { type: 'client', id: client.client_id, label: client.client_name } });
    const secrets = await deps.ctx.clients.secrets(client.client_id);
    const name = client.client_name || client.client_id;
    return admin.page.send(reply, t.t('client.view.title', { name }), html`<h1>${t.t('client.view.title', { name })}</h1>
${doneMessage(t, req)}
${canWrite ? actions(t, client, base) : html``}
<div class="card">
${copyable(t, 'client-id', t.t('client.id'), client.client_id)}
${secret ? html`<div role="status"><p>${t.t('client.secret.once')}</p></div>${copyable(t, 'client-secret', t.t('client.secret'), secret)}` : html``}
${rotatedSecrets(t, secrets, canWrite, base, admin.session.csrf)}
</div>
<div class="card">${details(t, client)}</div>`);
  });

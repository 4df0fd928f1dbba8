/**
 * Secret rotation with a grace window (docs/security.md AS-47): a new secret, shown once on the client's
 * page, while the old one keeps working for as long as the administrator chose; "retire now" ends
 * every old secret at once. The same ClientService calls as POST/DELETE /admin/clients/{id}/secrets/rotate.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { parseDuration } from '@olympus/config';
import { html, type HttpDeps } from '@olympus/http';
import type { OAuth2Client } from '@olympus/oauth2';
import { recordConsoleChange } from '../../audit.ts';
import type { Admin } from '../../session/guard.ts';
import { clientOr404 } from './lookup.ts';
import { passSecretOnce } from './new.ts';

const DEFAULT_WINDOW = '24h';

const form = (reply: FastifyReply, admin: Admin, client: OAuth2Client, value: string, error?: string) => {
  const { t } = admin.page;
  const name = client.client_name || client.client_id;
  return admin.page.send(reply, t.t('client.rotate.title', { name }), html`<h1>${t.t('client.rotate.title', { name })}</h1>
<p>${t.t('client.rotate.explain')}</p>
<form method="post" action="/clients/${encodeURIComponent(client.client_id)}/rotate">
<input type="hidden" name="csrf_token" value="${admin.session.csrf}">
<div class="field"><label for="window">${t.t('client.rotate.window')}</label>
<input id="window" type="text" name="window" value="${value}" aria-describedby="window-hint${error ? ' window-error' : ''}"${error ? html` aria-invalid="true"` : html``}>
<p class="hint" id="window-hint">${t.t('client.rotate.window.hint')}</p>${error ? html`<p class="error" id="window-error">${error}</p>` : html``}</div>
<button type="submit" class="primary">${t.t('client.rotate.confirm')}</button>
</form>`, error ? 400 : 200);
};

export const showRotateClient = (deps: HttpDeps, req: FastifyRequest, res: FastifyReply, admin: Admin) =>
  clientOr404(deps, req, res, admin, async (client) => {
    return form(res, admin, client, DEFAULT_WINDOW);
  });

export const rotateClientSecret = (deps: HttpDeps, req: FastifyRequest, res: FastifyReply, admin: Admin) =>
  clientOr404(deps, req, res, admin, async (client) => {
    const raw = String((req.body as Record<string, unknown>).window ?? '').trim();
    let ttl: number;
    try {
      ttl = parseDuration(raw);
    } catch {
      return form(res, admin, client, raw, admin.page.t.t('client.rotate.window.invalid'));
    }
    if (ttl <= 0) return form(res, admin, client, raw, admin.page.t.t('client.rotate.window.invalid'));
    const { client: rotated } = await deps.ctx.clients.rotateSecret(client.client_id, { rotatedSecretsTtl: ttl });
    await recordConsoleChange(deps, req, admin, {
      action: 'client.secret.rotate', target: { type: 'client', id: client.client_id, label: client.client_name },
      after: { rotated_secrets_expire_at: new Date(deps.ctx.now() + ttl).toISOString() },
    });
    if (rotated.client_secret) passSecretOnce(deps, res, client.client_id, rotated.client_secret);
    return res.code(303).header('location', `/clients/${encodeURIComponent(client.client_id)}?done=rotated`).send();
  });

export const retireOldSecrets = (deps: HttpDeps, req: FastifyRequest, res: FastifyReply, admin: Admin) =>
  clientOr404(deps, req, res, admin, async (client) => {
    await deps.ctx.clients.deleteRotatedSecrets(client.client_id);
    await recordConsoleChange(deps, req, admin, { action: 'client.secret.retire', target: { type: 'client', id: client.client_id, label: client.client_name } });
    return res.code(303).header('location', `/clients/${encodeURIComponent(client.client_id)}?done=retired`).send();
  });

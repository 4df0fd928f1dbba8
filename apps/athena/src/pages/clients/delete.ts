/** Deleting a client: a confirmation page naming it, then the same ClientService.delete as the admin API. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { html, type HttpDeps } from '@olympus/http';
import { recordConsoleChange } from '../../audit.ts';
import type { Admin } from '../../session/guard.ts';
import { clientOr404 } from './lookup.ts';

export const confirmDeleteClient = (deps: HttpDeps, req: FastifyRequest, reply: FastifyReply, admin: Admin) =>
  clientOr404(deps, req, reply, admin, async (client) => {
    const { t } = admin.page;
    const name = client.client_name || client.client_id;
    return admin.page.send(reply, t.t('client.delete.title', { name }), html`<h1>${t.t('client.delete.title', { name })}</h1>
<div role="alert"><p>${t.t('client.delete.warning', { name, id: client.client_id })}</p></div>
<form method="post" action="/clients/${encodeURIComponent(client.client_id)}/delete" class="actions">
<input type="hidden" name="csrf_token" value="${admin.session.csrf}">
<button type="submit" class="primary">${t.t('client.delete.confirm')}</button>
<a href="/clients/${encodeURIComponent(client.client_id)}">${t.t('client.cancel')}</a>
</form>`);
  });

export const deleteClient = (deps: HttpDeps, req: FastifyRequest, reply: FastifyReply, admin: Admin) =>
  clientOr404(deps, req, reply, admin, async (client) => {
    await deps.ctx.clients.delete(client.client_id);
    await recordConsoleChange(deps, req, admin, { action: 'client.delete', target: { type: 'client', id: client.client_id, label: client.client_name }, before: client });
    return reply.code(303).header('location', `/clients?${new URLSearchParams({ deleted: client.client_name || client.client_id })}`).send();
  });

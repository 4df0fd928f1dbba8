/** Deleting a client: a confirmation page naming it, then the same ClientService.delete as the admin API. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HttpDeps } from '@olympus/http';
import { confirmationBody } from '../confirm.ts';
import { recordConsoleChange } from '../../audit.ts';
import type { Admin } from '../../session/guard.ts';
import { clientOr404 } from './lookup.ts';

export const confirmDeleteClient = (deps: HttpDeps, req: FastifyRequest, reply: FastifyReply, admin: Admin) =>
  clientOr404(deps, req, reply, admin, async (client) => {
    const { t } = admin.page;
    const name = client.client_name || client.client_id;
    const base = `/clients/${encodeURIComponent(client.client_id)}`;
    return admin.page.send(reply, t.t('client.delete.title', { name }), confirmationBody(admin, {
      title: t.t('client.delete.title', { name }), warning: t.t('client.delete.warning', { name, id: client.client_id }),
      action: `${base}/delete`, confirm: t.t('client.delete.confirm'), cancel: base,
    }));
  });

export const deleteClient = (deps: HttpDeps, req: FastifyRequest, reply: FastifyReply, admin: Admin) =>
  clientOr404(deps, req, reply, admin, async (client) => {
    await deps.ctx.clients.delete(client.client_id);
    await recordConsoleChange(deps, req, admin, { action: 'client.delete', target: { type: 'client', id: client.client_id, label: client.client_name }, before: client });
    return reply.code(303).header('location', `/clients?${new URLSearchParams({ deleted: client.client_name || client.client_id })}`).send();
  });

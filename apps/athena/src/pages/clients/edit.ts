/**
 * Editing a client: the New Client form filled with the client's values; Save replaces its metadata
 * through the same ClientService as PUT /admin/clients/{id} (the secret stays), each refusal at its field.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HttpDeps } from '@olympus/http';
import { InvalidClientMetadata, InvalidRedirectUri, type OAuth2Client } from '@olympus/oauth2';
import { recordConsoleChange } from '../../audit.ts';
import type { Admin } from '../../session/guard.ts';
import { clientFormBody, fieldOfError, formOfClient, metadataOf, type ClientForm } from './form.ts';
import { formOf } from './new.ts';
import { clientOr404 } from './lookup.ts';

const showForm = (reply: FastifyReply, admin: Admin, client: OAuth2Client, form: ClientForm, errors: Record<string, string> = {}) => {
  const heading = admin.page.t.t('client.edit.title', { name: client.client_name || client.client_id });
  const action = `/clients/${encodeURIComponent(client.client_id)}/edit`;
  return admin.page.send(reply, heading, clientFormBody(admin.page.t, form, errors, admin.session.csrf, { action, heading }), Object.keys(errors).length > 0 ? 400 : 200);
};

export const showEditClient = (deps: HttpDeps, req: FastifyRequest, reply: FastifyReply, admin: Admin) =>
  clientOr404(deps, req, reply, admin, async (client) => showForm(reply, admin, client, formOfClient(client)));

export const saveEditedClient = (deps: HttpDeps, req: FastifyRequest, reply: FastifyReply, admin: Admin) =>
  clientOr404(deps, req, reply, admin, async (before) => {
    const form = formOf(req);
    try {
      const { client: after } = await deps.ctx.clients.replace(before.client_id, { ...before, ...metadataOf(form) });
      await recordConsoleChange(deps, req, admin, { action: 'client.update', target: { type: 'client', id: after.client_id, label: after.client_name }, before, after });
      return reply.code(303).header('location', `/clients/${encodeURIComponent(after.client_id)}?done=saved`).send();
    } catch (err) {
      if (!(err instanceof InvalidClientMetadata || err instanceof InvalidRedirectUri)) throw err;
      return showForm(reply, admin, before, form, { [fieldOfError(err.description, err instanceof InvalidRedirectUri)]: err.description });
    }
  });

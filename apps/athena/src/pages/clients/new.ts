/**
 * New Client: GET shows the form, POST creates the client through the same ClientService as the admin
 * API. On success the browser lands on /clients/<client_id>; a confidential client's secret travels
 * there once, sealed in a cookie only that page reads and clears.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { setCookies, type HttpDeps } from '@olympus/http';
import { InvalidClientMetadata, InvalidRedirectUri } from '@olympus/oauth2';
import { recordConsoleChange } from '../../audit.ts';
import { policyOf } from '../../session/cookie.ts';
import type { Admin } from '../../session/guard.ts';
import { clientFormBody, fieldOfError, metadataOf, type ClientForm } from './form.ts';

export const SECRET_COOKIE = 'athena_new_secret';
export const SECRET_PURPOSE = 'athena:new-client-secret';

/** A secret just made travels to the client's page once, sealed in a cookie that page reads and clears. */
export const passSecretOnce = ({ ctx }: HttpDeps, reply: FastifyReply, clientId: string, secret: string): void => {
  const sealed = ctx.sealer.seal(JSON.stringify({ id: clientId, secret }), SECRET_PURPOSE);
  setCookies(reply, [{ name: SECRET_COOKIE, value: sealed, path: '/clients/', maxAgeSeconds: 120 }], policyOf(ctx.config));
};

const NEW_CLIENT_DEFAULTS: ClientForm = { client_type: 'public', 'grant_types.authorization_code': 'on', 'response_types.code': 'on' };

export const showNewClient = (reply: FastifyReply, admin: Admin, form: ClientForm = NEW_CLIENT_DEFAULTS, errors: Record<string, string> = {}) =>
  admin.page.send(reply, admin.page.t.t('client.new.title'), clientFormBody(admin.page.t, form, errors, admin.session.csrf, { action: '/clients/new', heading: admin.page.t.t('client.new.title') }), Object.keys(errors).length > 0 ? 400 : 200);

export const formOf = (req: FastifyRequest): ClientForm => {
  const body = (req.body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string' && e[0] !== 'csrf_token'));
};

export const createClientFromForm = async (deps: HttpDeps, req: FastifyRequest, reply: FastifyReply, admin: Admin): Promise<FastifyReply> => {
  const { ctx } = deps;
  const form = formOf(req);
  try {
    const { client } = await ctx.clients.create(metadataOf(form));
    const { client_secret: _shownOnce, ...stored } = client;
    await recordConsoleChange(deps, req, admin, { action: 'client.create', target: { type: 'client', id: client.client_id, label: client.client_name }, after: stored });
    const path = `/clients/${encodeURIComponent(client.client_id)}`;
    if (client.client_secret) passSecretOnce(deps, reply, client.client_id, client.client_secret);
    return reply.code(303).header('location', path).send();
  } catch (err) {
    if (!(err instanceof InvalidClientMetadata || err instanceof InvalidRedirectUri)) throw err;
    return showNewClient(reply, admin, form, { [fieldOfError(err.description, err instanceof InvalidRedirectUri)]: err.description });
  }
};

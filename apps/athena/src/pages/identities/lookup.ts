/** The identity a console URL names (/identities/<id>/…), or the 404 page; and the identity server behind the console. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { html, type HttpDeps } from '@olympus/http';
import { FlowNotFound, identityServiceFor, type Identity, type IdentityContext, type IdentityService } from '@olympus/identity';
import type { Admin } from '../../session/guard.ts';

/** The identity server; the console is only registered when there is one (routes.ts). */
export const peopleOf = (deps: HttpDeps): IdentityContext => {
  if (deps.identity === undefined) throw new Error('Athena needs the identity server');
  return deps.identity;
};

export const identityService = (deps: HttpDeps): IdentityService => identityServiceFor(peopleOf(deps));

export const notFoundPage = (reply: FastifyReply, admin: Admin, message: string): FastifyReply => {
  const { t } = admin.page;
  return admin.page.send(reply, t.t('error.title'), html`<h1>${t.t('error.title')}</h1><div role="alert"><p>${message}</p></div>`, 404);
};

export const identityOr404 = async (
  deps: HttpDeps, req: FastifyRequest, reply: FastifyReply, admin: Admin, then: (identity: Identity) => Promise<FastifyReply>,
): Promise<FastifyReply> => {
  const id = (req.params as { id: string }).id;
  try {
    return await then(await identityService(deps).get(id));
  } catch (err) {
    if (err instanceof FlowNotFound) return notFoundPage(reply, admin, admin.page.t.t('identity.not_found', { id }));
    throw err;
  }
};

/** The client a console URL names (/clients/<id>/…), or the 404 page. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { html, type HttpDeps } from '@olympus/http';
import type { OAuth2Client } from '@olympus/oauth2';
import type { Admin } from '../../session/guard.ts';

export const clientOr404 = async (
  { ctx }: HttpDeps, req: FastifyRequest, reply: FastifyReply, admin: Admin, then: (client: OAuth2Client) => Promise<FastifyReply>,
): Promise<FastifyReply> => {
  const id = (req.params as { id: string }).id;
  const stored = await ctx.clients.get(id);
  if (stored !== undefined) return then(stored.client);
  const { t } = admin.page;
  return admin.page.send(reply, t.t('error.title'), html`<h1>${t.t('error.title')}</h1><div role="alert"><p>${t.t('client.not_found', { id })}</p></div>`, 404);
};

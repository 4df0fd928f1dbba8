/**
 * Admin API for JSON Web Keys in Hydra's shapes (docs/compatibility.md §1.2): GET/POST/PUT/DELETE
 * /admin/keys/:set and GET/PUT/DELETE /admin/keys/:set/:kid. The key ring (ctx.keys) does the work
 * and throws the errors; legacy paths without /admin reach these routes through addAdminPrefix.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { InvalidRequest, type CreateKeyRequest } from '@olympus/oauth2';
import type { RegisterRoutes } from '../deps.ts';
import { auditRoutes } from '../audit/audited-routes.ts';
import { keyAudit } from '../audit/keys.ts';
import { keySchemas as schemas } from './keys.schema.ts';

const SET_PATH = '/admin/keys/:set';
const KEY_PATH = '/admin/keys/:set/:kid';

const paramsOf = (req: FastifyRequest): { set: string; kid: string } => req.params as { set: string; kid: string };

const createRequestOf = (body: unknown): CreateKeyRequest => {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw new InvalidRequest('The body must be a JSON object: {"alg": "RS256", "use": "sig", "kid": "optional"}.');
  }
  return body as CreateKeyRequest;
};

export const registerKeyRoutes: RegisterRoutes = (app, { ctx, audit }) => {
  app.register(async (scope) => {
    auditRoutes(scope, { ctx, audit }, keyAudit(ctx));
    // A create response may carry a private key: never cache any of these.
    scope.addHook('onSend', async (_req, reply: FastifyReply) => {
      reply.header('cache-control', 'no-store');
    });

    scope.get(SET_PATH, { schema: schemas.getSet }, async (req) => ({ keys: await ctx.keys.listKeySet(paramsOf(req).set) }));

    scope.post(SET_PATH, { schema: schemas.createSet }, async (req, reply) => {
      const key = await ctx.keys.createKey(paramsOf(req).set, createRequestOf(req.body));
      return reply.code(201).send({ keys: [key] });
    });

    scope.put(SET_PATH, { schema: schemas.importSet }, async (req) => ({ keys: await ctx.keys.importKeySet(paramsOf(req).set, req.body) }));

    scope.delete(SET_PATH, { schema: schemas.deleteSet }, async (req, reply) => {
      await ctx.keys.deleteKeySet(paramsOf(req).set);
      return reply.code(204).send();
    });

    scope.get(KEY_PATH, { schema: schemas.getKey }, async (req) => {
      const { set, kid } = paramsOf(req);
      return { keys: [await ctx.keys.getKey(set, kid)] };
    });

    scope.put(KEY_PATH, { schema: schemas.importKey }, async (req) => {
      const { set, kid } = paramsOf(req);
      return ctx.keys.importKey(set, kid, req.body);
    });

    scope.delete(KEY_PATH, { schema: schemas.deleteKey }, async (req, reply) => {
      const { set, kid } = paramsOf(req);
      await ctx.keys.deleteKey(set, kid);
      return reply.code(204).send();
    });
  });
};

/**
 * Admin API for OAuth2 clients, Hydra's paths and status codes (docs/compatibility.md §1.2):
 * GET/POST /admin/clients, GET/PUT/PATCH/DELETE /admin/clients/:id,
 * POST/DELETE /admin/clients/:id/secrets/rotate. The core (ctx.clients) does the work; this module
 * only translates HTTP: JSON bodies, paging tokens and the Link header.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { InvalidRequest, NotFound, readRotationBody, type ClientCursor } from '@olympus/oauth2';
import type { RegisterRoutes } from '../deps.ts';
import { auditRoutes } from '../audit/audited-routes.ts';
import { clientAudit } from '../audit/clients.ts';
import { registerJsonBody } from '../json-body.ts';
import { openPageToken, pageLinks, readPageSize, sealPageToken } from '../paging.ts';
import { singleQueryParam } from './query.ts';
import { clientSchemas as schemas } from './clients.schema.ts';

const LIST_PATH = '/admin/clients';
const PAGE_ENDPOINT = 'clients';

class UnsupportedMediaType extends InvalidRequest {
  override readonly status = 415;
}

const isClientCursor = (value: unknown): value is ClientCursor =>
  typeof value === 'object' && value !== null &&
  typeof (value as ClientCursor).createdAt === 'string' && typeof (value as ClientCursor).id === 'string';

const mediaTypeOf = (req: FastifyRequest): string => (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();

/** Bodies are JSON only; checked before parsing so the answer names the fix. */
const requireJson = (accepted: string[]) => async (req: FastifyRequest): Promise<void> => {
  if (accepted.includes(mediaTypeOf(req))) return;
  throw new UnsupportedMediaType(
    `The request body must be JSON, but Content-Type is ${JSON.stringify(req.headers['content-type'] ?? '(none)')}. Send Content-Type: ${accepted[0]}.`,
  );
};

const idOf = (req: FastifyRequest): string => (req.params as { id: string }).id;

export const registerClientRoutes: RegisterRoutes = (app, { ctx, audit }) => {
  app.register(async (scope) => {
    auditRoutes(scope, { ctx, audit }, clientAudit(ctx));
    // An empty body reads as "no body", so the core can say what is missing.
    registerJsonBody(scope, { types: ['application/json', 'application/json-patch+json'], emptyIsAbsent: true });
    // Responses may carry a client secret: never cache them.
    scope.addHook('onSend', async (_req, reply: FastifyReply) => { reply.header('cache-control', 'no-store'); });
    const jsonBody = { onRequest: requireJson(['application/json']) };
    const patchBody = { onRequest: requireJson(['application/json', 'application/json-patch+json']), schema: schemas.patch };

    scope.get(LIST_PATH, { schema: schemas.list }, async (req, reply) => {
      const pageSize = readPageSize(singleQueryParam(req, 'page_size'));
      const after = openPageToken(ctx.sealer, PAGE_ENDPOINT, singleQueryParam(req, 'page_token'), isClientCursor);
      const clientName = singleQueryParam(req, 'client_name');
      const owner = singleQueryParam(req, 'owner');
      const { clients, next } = await ctx.clients.list({ pageSize, after, clientName, owner });
      const filters: Record<string, string> = {};
      if (clientName !== undefined) filters.client_name = clientName;
      if (owner !== undefined) filters.owner = owner;
      const nextToken = next && sealPageToken(ctx.sealer, PAGE_ENDPOINT, next);
      reply.header('link', pageLinks(LIST_PATH, filters, pageSize, nextToken));
      return clients;
    });

    scope.post(LIST_PATH, { ...jsonBody, schema: schemas.create }, async (req, reply) => {
      const { client } = await ctx.clients.create(req.body);
      return reply.code(201).send(client);
    });

    scope.get(`${LIST_PATH}/:id`, { schema: schemas.get }, async (req) => {
      const stored = await ctx.clients.get(idOf(req));
      if (!stored) throw new NotFound(`No OAuth2 client has client_id ${JSON.stringify(idOf(req))}.`);
      return stored.client;
    });

    scope.put(`${LIST_PATH}/:id`, { ...jsonBody, schema: schemas.replace }, async (req) => (await ctx.clients.replace(idOf(req), req.body)).client);

    scope.patch(`${LIST_PATH}/:id`, patchBody, async (req) => (await ctx.clients.patch(idOf(req), req.body)).client);

    scope.delete(`${LIST_PATH}/:id`, { schema: schemas.delete }, async (req, reply) => {
      await ctx.clients.delete(idOf(req));
      return reply.code(204).send();
    });

    // An optional JSON body sets how long the replaced secrets stay accepted (an Olympus extension).
    scope.post(`${LIST_PATH}/:id/secrets/rotate`, { schema: schemas.rotate }, async (req) => (await ctx.clients.rotateSecret(idOf(req), readRotationBody(req.body))).client);

    scope.delete(`${LIST_PATH}/:id/secrets/rotate`, { schema: schemas.retire }, async (req, reply) => {
      await ctx.clients.deleteRotatedSecrets(idOf(req));
      return reply.code(204).send();
    });
  });
};

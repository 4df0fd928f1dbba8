/**
 * Kratos' identity admin API (docs/compatibility.md §2.2): GET/POST /admin/identities,
 * GET/PUT/PATCH/DELETE /admin/identities/:id, DELETE /admin/identities/:id/credentials/:type.
 * The core (IdentityService) does the work; this module translates HTTP: JSON bodies, sealed
 * keyset page tokens with the Link header, include_credential, and Kratos' error envelope.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { BadRequest, IdentityError, identityServiceFor, identityView, isUuid } from '@olympus/identity';
import { OAuth2Error } from '@olympus/oauth2';
import type { RegisterRoutes } from '../deps.ts';
import { adminIdentitySchemas as schemas } from './admin.schema.ts';
import { auditRoutes } from '../audit/audited-routes.ts';
import { identityAudit } from '../audit/identities.ts';
import { registerJsonBody } from '../json-body.ts';
import { openPageToken, pageLinks, readPageSize, sealPageToken } from '../paging.ts';

const LIST_PATH = '/admin/identities';
const PAGE_ENDPOINT = 'identities';
const MALFORMED = 'The request was malformed or contained invalid parameters';

interface Position {
  after: string;
}
const isPosition = (value: unknown): value is Position => isUuid((value as Position | null)?.after);

const query = (req: FastifyRequest): Record<string, unknown> => req.query as Record<string, unknown>;

const single = (req: FastifyRequest, name: string): string | undefined => {
  const value = query(req)[name];
  if (Array.isArray(value)) throw new BadRequest(MALFORMED, { reason: `The query parameter ${name} was given more than once; send it once.` });
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/** Repeated (`?ids=a&ids=b`) or comma-separated values. */
const many = (req: FastifyRequest, name: string): string[] => {
  const raw = query(req)[name];
  const values = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return values.flatMap((v) => String(v).split(',')).map((v) => v.trim()).filter((v) => v !== '');
};

const idOf = (req: FastifyRequest): string => (req.params as { id: string }).id;

const mediaTypeOf = (req: FastifyRequest): string => (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();

const requireJson = (accepted: string[]) => async (req: FastifyRequest): Promise<void> => {
  if (accepted.includes(mediaTypeOf(req))) return;
  throw new BadRequest(MALFORMED, {
    reason: `The body must be JSON, but Content-Type is ${JSON.stringify(req.headers['content-type'] ?? '(none)')}; send Content-Type: ${accepted[0]}.`,
  });
};

/**
 * Shared helpers' errors (a forged page token) answer in Kratos' envelope here; unreadable bodies do
 * on every identity route (envelope.ts).
 */
const kratosErrors = (scope: FastifyInstance): void => {
  scope.setErrorHandler((err: unknown) => {
    if (err instanceof IdentityError) throw err;
    if (err instanceof OAuth2Error && err.status < 500) throw new BadRequest(MALFORMED, { reason: `${err.description} ${err.hint ?? ''}`.trim() });
    throw err;
  });
};

export const registerAdminIdentityRoutes: RegisterRoutes = (app, { ctx, identity, audit }) => {
  if (identity === undefined) return;
  const service = identityServiceFor(identity);
  const { sealer } = identity;

  app.register(async (scope) => {
    auditRoutes(scope, { ctx, audit }, identityAudit(identity));
    // An empty body reads as "no body", so the core can say what is missing.
    registerJsonBody(scope, { types: ['application/json', 'application/json-patch+json'], emptyIsAbsent: true });
    kratosErrors(scope);
    scope.addHook('onSend', async (_req, reply) => { reply.header('cache-control', 'no-store'); });
    const jsonBody = { onRequest: requireJson(['application/json']) };
    const patchBody = { onRequest: requireJson(['application/json', 'application/json-patch+json']), schema: schemas.patch };

    scope.get(LIST_PATH, { schema: schemas.list }, async (req, reply) => {
      const pageSize = readPageSize(single(req, 'page_size'));
      const position = openPageToken(sealer, PAGE_ENDPOINT, single(req, 'page_token'), isPosition);
      const credentialsIdentifier = single(req, 'credentials_identifier');
      const ids = many(req, 'ids');
      const include = many(req, 'include_credential');
      const page = await service.list({ pageSize, after: position?.after, credentialsIdentifier, ids: ids.length > 0 ? ids : undefined });
      const filters: Record<string, string> = {};
      if (credentialsIdentifier !== undefined) filters.credentials_identifier = credentialsIdentifier;
      if (ids.length > 0) filters.ids = ids.join(',');
      if (include.length > 0) filters.include_credential = include.join(',');
      const nextToken = page.next && sealPageToken(sealer, PAGE_ENDPOINT, { after: page.next });
      reply.header('link', pageLinks(LIST_PATH, filters, pageSize, nextToken));
      return page.identities.map((i) => identityView(i, include));
    });

    scope.post(LIST_PATH, { ...jsonBody, schema: schemas.create }, async (req, reply) => reply.code(201).send(identityView(await service.create(req.body))));

    scope.get(`${LIST_PATH}/:id`, { schema: schemas.get }, async (req) => identityView(await service.get(idOf(req)), many(req, 'include_credential')));

    scope.put(`${LIST_PATH}/:id`, { ...jsonBody, schema: schemas.update }, async (req) => identityView(await service.update(idOf(req), req.body)));

    scope.patch(`${LIST_PATH}/:id`, patchBody, async (req) => identityView(await service.patch(idOf(req), req.body)));

    scope.delete(`${LIST_PATH}/:id`, { schema: schemas.delete }, async (req, reply) => {
      await service.delete(idOf(req));
      return reply.code(204).send();
    });

    scope.delete(`${LIST_PATH}/:id/credentials/:type`, { schema: schemas.deleteCredential }, async (req, reply) => {
      const { type } = req.params as { type: string };
      await service.deleteCredential(idOf(req), type, single(req, 'identifier'));
      return reply.code(204).send();
    });
  });
};

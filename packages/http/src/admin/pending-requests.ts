/**
 * GET /admin/oauth2/auth/requests/pending: the login and consent requests waiting for a UI, newest
 * first, an Olympus extension (docs/compatibility.md §1.2). `kind=login|consent` narrows it; paging
 * is Hydra's `page_size`/`page_token` with a `Link` header, the token sealed (docs/security.md AS-44).
 * The core (challenges/pending.ts) does the work; this module translates to snake_case JSON.
 */
import type { FastifyRequest } from 'fastify';
import { InvalidRequest, listPendingRequests, type PendingFlowCursor, type PendingRequest } from '@olympus/oauth2';
import type { RegisterRoutes } from '../deps.ts';
import { openPageToken, pageLinks, readPageSize, sealPageToken } from '../paging.ts';
import { singleQueryParam } from './query.ts';
import { challengeSchemas } from './challenges.schema.ts';

const PATH = '/admin/oauth2/auth/requests/pending';
const PAGE_ENDPOINT = 'pending-requests';
const KINDS = ['login', 'consent'] as const;

const isCursor = (value: unknown): value is PendingFlowCursor =>
  typeof value === 'object' && value !== null &&
  typeof (value as PendingFlowCursor).requestedAt === 'number' && typeof (value as PendingFlowCursor).id === 'string';

const kindOf = (raw: string | undefined): 'login' | 'consent' | undefined => {
  if (raw === undefined) return undefined;
  if (raw === 'login' || raw === 'consent') return raw;
  throw new InvalidRequest(`kind must be ${KINDS.join(' or ')}, but is ${JSON.stringify(raw)}; leave it out for both.`);
};

const iso = (ms: number): string => new Date(ms).toISOString();

const pendingRequestWire = (r: PendingRequest) => ({
  kind: r.kind,
  challenge: r.challenge,
  client: { client_id: r.clientId, client_name: r.clientName },
  ...(r.subject === undefined ? {} : { subject: r.subject }),
  requested_scope: r.requestedScope,
  requested_at: iso(r.requestedAt),
  expires_at: iso(r.expiresAt),
  trace_id: r.traceId,
});

export const registerPendingRequestRoutes: RegisterRoutes = (app, { ctx }) => {
  app.get(PATH, { schema: challengeSchemas.pending }, async (req, reply) => {
    const kind = kindOf(singleQueryParam(req, 'kind'));
    const pageSize = readPageSize(singleQueryParam(req, 'page_size'));
    const before = openPageToken(ctx.sealer, PAGE_ENDPOINT, singleQueryParam(req, 'page_token'), isCursor);
    const { requests, next } = await listPendingRequests(ctx, { kind, pageSize, before });
    const nextToken = next && sealPageToken(ctx.sealer, PAGE_ENDPOINT, next);
    reply.header('cache-control', 'no-store');
    reply.header('link', pageLinks(PATH, kind === undefined ? {} : { kind }, pageSize, nextToken));
    return requests.map(pendingRequestWire);
  });
};

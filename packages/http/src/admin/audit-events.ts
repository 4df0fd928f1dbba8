/**
 * GET /admin/audit-events (an Olympus extension, docs/compatibility.md §1.2; docs/operations/audit.md):
 * the audit log newest first, filtered by `actor`, `target`, `target_type` and `action` (a whole
 * action or a family such as `client.secret`), paged like Hydra's lists: `page_size`, a sealed
 * `page_token` and the Link header (paging.ts, docs/security.md AS-44).
 */
import type { FastifyRequest } from 'fastify';
import { readActionFilter, type AuditCursor, type AuditEvent } from '@olympus/audit';
import { InvalidRequest } from '@olympus/oauth2';
import type { RegisterRoutes } from '../deps.ts';
import { openPageToken, pageLinks, readPageSize, sealPageToken } from '../paging.ts';
import { singleQueryParam } from './query.ts';
import { eventSchemas } from './events.schema.ts';

const LIST_PATH = '/admin/audit-events';
const PAGE_ENDPOINT = 'audit-events';

const isCursor = (value: unknown): value is AuditCursor =>
  typeof value === 'object' && value !== null &&
  Number.isSafeInteger((value as AuditCursor).time) && Number.isSafeInteger((value as AuditCursor).seq);

const readAction = (raw: string | undefined): string | undefined => {
  if (raw === undefined) return undefined;
  const filter = readActionFilter(raw);
  if (filter === undefined) {
    throw new InvalidRequest(`The action filter ${JSON.stringify(raw)} is neither an action nor a family of actions.`, {
      hint: 'Send an action such as client.update, or a family such as client or client.secret (docs/operations/audit.md lists them).',
    });
  }
  return filter;
};

/** The event at the edge: snake_case, like every other admin answer. */
export const auditEventWire = (e: AuditEvent) => ({
  id: e.id,
  time: e.time,
  actor: e.actor,
  action: e.action,
  target: e.target,
  diff: e.diff,
  ...(e.details === undefined ? {} : { details: e.details }),
  request_id: e.requestId ?? null,
  outcome: e.outcome,
});

export const registerAuditEventRoutes: RegisterRoutes = (app, { ctx, audit }) => {
  if (audit === undefined) return;
  app.get(LIST_PATH, { schema: eventSchemas.audit }, async (req, reply) => {
    const pageSize = readPageSize(singleQueryParam(req, 'page_size'));
    const before = openPageToken(ctx.sealer, PAGE_ENDPOINT, singleQueryParam(req, 'page_token'), isCursor);
    const filters = { actor: singleQueryParam(req, 'actor'), target: singleQueryParam(req, 'target'), target_type: singleQueryParam(req, 'target_type'), action: readAction(singleQueryParam(req, 'action')) };
    const page = await audit.list({
      actor: filters.actor, targetId: filters.target, targetType: filters.target_type, action: filters.action, before, limit: pageSize,
    });
    const carried = Object.fromEntries(Object.entries(filters).filter((entry): entry is [string, string] => entry[1] !== undefined));
    const nextToken = page.next && sealPageToken(ctx.sealer, PAGE_ENDPOINT, page.next);
    reply.header('cache-control', 'no-store').header('link', pageLinks(LIST_PATH, carried, pageSize, nextToken));
    return page.events.map(auditEventWire);
  });
};

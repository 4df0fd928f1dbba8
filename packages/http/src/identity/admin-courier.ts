/**
 * Kratos' courier admin API (docs/compatibility.md §2.2): GET /admin/courier/messages (filters
 * `status`, `recipient`; keyset pages through sealed `page_token`s and the Link header) and
 * GET /admin/courier/messages/:id. Errors keep Kratos' envelope. In dev with no SMTP configured
 * this is the inbox: queued messages with their bodies, codes included.
 */
import type { FastifyRequest } from 'fastify';
import {
  BadRequest, COURIER_MESSAGE_STATUSES, FlowNotFound, isCourierMessageStatus, type CourierCursor, type CourierMessageStatus,
} from '@olympus/identity';
import { OAuth2Error } from '@olympus/oauth2';
import type { RegisterRoutes } from '../deps.ts';
import { adminIdentitySchemas as schemas } from './admin.schema.ts';
import { openPageToken, pageLinks, readPageSize, sealPageToken } from '../paging.ts';

const LIST_PATH = '/admin/courier/messages';
const PAGE_ENDPOINT = 'courier-messages';

const isCursor = (value: unknown): value is CourierCursor =>
  typeof value === 'object' && value !== null &&
  Number.isSafeInteger((value as CourierCursor).createdAt) && typeof (value as CourierCursor).id === 'string';

/** A query parameter sent at most once. */
const single = (req: FastifyRequest, name: string): string | undefined => {
  const value = (req.query as Record<string, unknown>)[name];
  if (Array.isArray(value)) throw new BadRequest(`The query parameter ${name} was given more than once; send it once.`);
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/** The shared paging helpers speak OAuth2 errors; this API answers in Kratos' envelope. */
const asIdentityError = <T>(read: () => T): T => {
  try {
    return read();
  } catch (err) {
    if (err instanceof OAuth2Error && err.status === 400) throw new BadRequest(err.description, { reason: err.hint });
    throw err;
  }
};

const readStatus = (raw: string | undefined): CourierMessageStatus | undefined => {
  if (raw === undefined || isCourierMessageStatus(raw)) return raw;
  throw new BadRequest(`The status filter ${JSON.stringify(raw)} is not a message status.`, {
    reason: `Use one of ${COURIER_MESSAGE_STATUSES.join(', ')}, or leave it out for all messages.`,
  });
};

export const registerAdminCourierRoutes: RegisterRoutes = (app, { identity }) => {
  if (identity === undefined) return;
  const { sealer, storage } = identity;

  app.register(async (scope) => {
    // Bodies carry one-time codes: never cache them.
    scope.addHook('onSend', async (_req, reply) => { reply.header('cache-control', 'no-store'); });

    scope.get(LIST_PATH, { schema: schemas.courierList }, async (req, reply) => {
      const pageSize = asIdentityError(() => readPageSize(single(req, 'page_size')));
      const after = asIdentityError(() => openPageToken(sealer, PAGE_ENDPOINT, single(req, 'page_token'), isCursor));
      const status = readStatus(single(req, 'status'));
      const recipient = single(req, 'recipient');
      const page = await storage.courier.list({ limit: pageSize, status, recipient, after });
      const filters: Record<string, string> = {};
      if (status !== undefined) filters.status = status;
      if (recipient !== undefined) filters.recipient = recipient;
      const nextToken = page.next && sealPageToken(sealer, PAGE_ENDPOINT, page.next);
      reply.header('link', pageLinks(LIST_PATH, filters, pageSize, nextToken));
      return page.messages;
    });

    scope.get(`${LIST_PATH}/:id`, { schema: schemas.courierGet }, async (req) => {
      const { id } = req.params as { id: string };
      const message = await storage.courier.get(id);
      if (message === undefined) {
        throw new FlowNotFound('The requested courier message does not exist.', {
          reason: `No message has id ${JSON.stringify(id)}; list them with GET ${LIST_PATH}.`,
        });
      }
      return message;
    });
  });
};

/**
 * Login and consent requests that wait for a UI, for the admin console: who asked (client), for whom
 * (subject, when known), for what (scopes) and since when, with the trace id that follows the
 * authorization through the logs (docs/architecture.md §5). An expired request is not pending
 * (challenges/handled.ts statusOf), so it is not listed.
 */
import type { OAuth2Context } from '../context.ts';
import { InvalidRequest } from '../errors.ts';
import type { Flow } from '../flows/flow.ts';
import type { PendingFlowCursor } from '../ports.ts';
import type { ChallengeKind } from './handled.ts';

export const MAX_PENDING_PAGE_SIZE = 500;

export interface PendingRequest {
  kind: ChallengeKind;
  /** The login or consent challenge a UI would be called with. */
  challenge: string;
  clientId: string;
  /** The client's name, '' when it has none (or was deleted meanwhile). */
  clientName: string;
  /** Login: the remembered user when the login may be skipped; consent: who logged in. */
  subject: string | undefined;
  requestedScope: string[];
  requestedAt: number;
  expiresAt: number;
  traceId: string;
}

export interface PendingRequestQuery {
  kind?: ChallengeKind;
  pageSize: number;
  /** Requests older than this position: the `next` of the previous page. */
  before?: PendingFlowCursor;
}

export interface PendingRequestPage {
  requests: PendingRequest[];
  /** Present when older requests follow. */
  next?: PendingFlowCursor;
}

const pendingRequestOf = (flow: Flow, clientName: string): PendingRequest => {
  const kind: ChallengeKind = flow.state === 'login_pending' ? 'login' : 'consent';
  const subject = kind === 'login' ? (flow.loginSkip ? flow.skipSubject : '') : (flow.login?.subject ?? '');
  return {
    kind,
    challenge: (kind === 'login' ? flow.loginChallenge : flow.consentChallenge) ?? '',
    clientId: flow.clientId,
    clientName,
    subject: subject === '' ? undefined : subject,
    requestedScope: flow.request.scope,
    requestedAt: flow.requestedAt,
    expiresAt: flow.expiresAt,
    traceId: flow.traceId,
  };
};

const clientNames = async (ctx: OAuth2Context, flows: readonly Flow[]): Promise<Map<string, string>> => {
  const ids = [...new Set(flows.map((flow) => flow.clientId))];
  const clients = await Promise.all(ids.map((id) => ctx.clients.get(id)));
  return new Map(ids.map((id, index) => [id, clients[index]?.client.client_name ?? '']));
};

/** One page of pending login and consent requests, newest first, and where the next page starts. */
export const listPendingRequests = async (ctx: OAuth2Context, query: PendingRequestQuery): Promise<PendingRequestPage> => {
  const { kind, pageSize, before } = query;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PENDING_PAGE_SIZE) {
    throw new InvalidRequest(`The page size ${pageSize} must be a whole number from 1 to ${MAX_PENDING_PAGE_SIZE}.`);
  }
  // One extra row tells whether another page follows.
  const flows = await ctx.storage.flows.listPendingFlows({ kind, now: ctx.now(), limit: pageSize + 1, before });
  const page = flows.slice(0, pageSize);
  const names = await clientNames(ctx, page);
  const requests = page.map((flow) => pendingRequestOf(flow, names.get(flow.clientId) ?? ''));
  const last = page[page.length - 1];
  return flows.length > pageSize && last !== undefined ? { requests, next: { requestedAt: last.requestedAt, id: last.id } } : { requests };
};

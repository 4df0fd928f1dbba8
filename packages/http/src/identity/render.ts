/**
 * Response negotiation of the self-service endpoints (docs/compatibility.md §2.4): a server-rendered browser
 * gets 303 redirects (to the flow's UI, the return URL or the error UI); an SPA (`Accept:
 * application/json` or a JSON body) and native apps get JSON and status codes.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  IdentityError, SelfServiceFlowExpired, SessionAlreadyAvailable, TooManyRequests, checkReturnTo, openFlowError, sealFlowError, toWire,
  type FlowKind, type IdentityContext, type SelfServiceFlow,
} from '@olympus/identity';
import type { RegisterRoutes } from '../deps.ts';
import { frontendSchemas } from './self-service.schema.ts';
import { newErrorId } from '../error-id.ts';

export const q = (req: FastifyRequest, name: string): string | undefined => {
  const v = (req.query as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : undefined;
};

export const requestUrlOf = (req: FastifyRequest, publicUrl: string): string => new URL(req.url, publicUrl).toString();

export const bodyOf = (req: FastifyRequest): Record<string, unknown> =>
  typeof req.body === 'object' && req.body !== null && !Array.isArray(req.body) ? (req.body as Record<string, unknown>) : {};

/** Kratos' x.IsJSONRequest: the client asked for JSON or sent JSON. */
export const wantsJson = (req: FastifyRequest): boolean =>
  String(req.headers.accept ?? '').includes('application/json') || String(req.headers['content-type'] ?? '').includes('json');

/**
 * Whether a submission belongs to a browser or a native flow. An unknown flow posted as a form most
 * likely comes from a browser, so it gets the error UI rather than JSON.
 */
export const submittedFlowType = async (ctx: IdentityContext, flowId: string | undefined, json: boolean): Promise<'api' | 'browser'> =>
  (flowId ? await ctx.storage.flows.getFlow(flowId) : undefined)?.type ?? (json ? 'api' : 'browser');

export const seeOther = (reply: FastifyReply, location: string): FastifyReply =>
  reply.header('cache-control', 'no-store').redirect(location, 303);

export const sendFlow = (reply: FastifyReply, status: number, flow: SelfServiceFlow): FastifyReply =>
  reply.code(status).header('cache-control', 'no-store').send(toWire(flow));

/** The UI page of a flow kind with `?flow=<id>`. */
export const flowUiUrl = (ctx: IdentityContext, kind: FlowKind, flowId: string): string => {
  const url = new URL(ctx.config.selfservice.flows[kind].uiUrl, ctx.config.serve.public.url);
  url.searchParams.set('flow', flowId);
  return url.toString();
};

/** The flow itself (SPA, native) or a 303 to its UI (server-rendered browser). */
export const answerFlow = (ctx: IdentityContext, reply: FastifyReply, flow: SelfServiceFlow, json: boolean, status = 200): FastifyReply =>
  json ? sendFlow(reply, status, flow) : seeOther(reply, flowUiUrl(ctx, flow.kind, flow.id));

/** A return_to that passes the allow-list, else the default browser return URL (never an open redirect). */
const safeReturnTo = (ctx: IdentityContext, raw: string | undefined): string => {
  try {
    return checkReturnTo(ctx.config, raw) || ctx.config.selfservice.defaultBrowserReturnUrl;
  } catch {
    return ctx.config.selfservice.defaultBrowserReturnUrl;
  }
};

export interface BrowserErrorOptions {
  /** Answer with a redirect (server-rendered browser) instead of JSON. */
  redirect: boolean;
  kind?: FlowKind;
  /** Where a browser that already has a session goes (session_already_available). */
  returnTo?: string;
}

/**
 * Errors of a browser that cannot read JSON become navigations: an expired flow to its successor's
 * UI, an existing session to the return URL, anything else to the error UI with a sealed error id.
 * The error UI shows the error id logged here, which finds the failed request's trace events.
 * Everything else is rethrown for the JSON error handler (Kratos' envelope).
 */
export const answerError = (ctx: IdentityContext, req: FastifyRequest, reply: FastifyReply, err: unknown, opts: BrowserErrorOptions): FastifyReply => {
  if (!opts.redirect || !(err instanceof IdentityError)) throw err;
  if (err instanceof SelfServiceFlowExpired && opts.kind && typeof err.extra.use_flow_id === 'string') {
    return seeOther(reply, flowUiUrl(ctx, opts.kind, err.extra.use_flow_id));
  }
  if (err instanceof SessionAlreadyAvailable) return seeOther(reply, safeReturnTo(ctx, opts.returnTo));
  // A rate-limited submission: its flow already shows the "too many requests" message (protection/rate-limit.ts).
  if (err instanceof TooManyRequests && opts.kind && typeof err.details.flow_id === 'string') return seeOther(reply, flowUiUrl(ctx, opts.kind, err.details.flow_id));
  const body = err.toBody(String(req.id), ctx.config.oauth2.exposeDebug);
  const errorId = newErrorId(req);
  req.log.info({ error_id: errorId, error: err.id, error_description: err.message, error_reason: err.reason }, 'self-service error shown in the error UI');
  const url = new URL(ctx.config.selfservice.flows.error.uiUrl, ctx.config.serve.public.url);
  url.searchParams.set('id', sealFlowError(ctx, body.error as Record<string, unknown>, errorId));
  return seeOther(reply, url.toString());
};

/** GET /self-service/errors?id=: the error a browser was sent to the error UI with (`{id, error, created_at}`). */
export const registerFlowErrorRoutes: RegisterRoutes = (app, { identity: ctx }) => {
  if (ctx === undefined) return;
  app.get('/self-service/errors', { schema: frontendSchemas.flowError }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    return openFlowError(ctx, q(req, 'id'));
  });
};

/**
 * The one wrapper every admin route family records its changes through. A family declares, per
 * route (`METHOD /path/:param` as registered), which action it is, what it targets and how to read
 * the state before and after; `auditRoutes` attaches two route-level hooks to exactly those routes
 * (Fastify's onRoute), so no other route pays anything and the handlers stay as they are:
 * - preHandler reads the state before the change (readState: only with a store wired);
 * - onSend, once the handler answered 2xx, reads the state after (by default the JSON answer) and
 *   records the event before the answer leaves, so a caller that reads the log next finds it. An
 *   error answer records nothing: only successful changes are recorded. Whatever goes wrong while
 *   recording is logged, never answered (record.ts says why).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { AuditAction, AuditTarget } from '@olympus/audit';
import type { Logger } from '@olympus/oauth2';
import { readState, recordAdminChange } from './admin-change.ts';
import { LOST_EVENT, type AuditDeps } from './record.ts';

export interface AuditedRoute {
  action: AuditAction | ((states: States) => AuditAction);
  target: (req: FastifyRequest, states: States) => AuditTarget;
  before?: (req: FastifyRequest) => Promise<unknown>;
  /** The state after the change; without it, the JSON answer (nothing for a 204). */
  after?: (req: FastifyRequest, answer: unknown) => Promise<unknown> | unknown;
  details?: (req: FastifyRequest, states: States) => Record<string, unknown> | undefined;
}

export interface States {
  before: unknown;
  after: unknown;
  /** The JSON answer, when there is one. */
  answer: unknown;
}

/** Route tables are keyed `METHOD /path` as the family registers the route. */
export type AuditedRoutes = Readonly<Record<string, AuditedRoute>>;

const before = new WeakMap<FastifyRequest, unknown>();

const answerOf = (reply: FastifyReply, payload: unknown): unknown => {
  if (typeof payload !== 'string' || payload === '') return undefined;
  if (!String(reply.getHeader('content-type') ?? '').includes('json')) return undefined;
  try {
    return JSON.parse(payload);
  } catch {
    return undefined;
  }
};

const hooksFor = (deps: AuditDeps, route: AuditedRoute) => ({
  preHandler: async (req: FastifyRequest): Promise<void> => {
    if (route.before) before.set(req, await readState(deps, () => route.before!(req)));
  },
  onSend: async (req: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> => {
    if (deps.audit === undefined || reply.statusCode < 200 || reply.statusCode >= 300) return payload;
    try {
      const answer = answerOf(reply, payload);
      const after = route.after ? await readState(deps, async () => route.after!(req, answer)) : answer;
      const states = { before: before.get(req), after, answer };
      await recordAdminChange(req, deps, {
        action: typeof route.action === 'function' ? route.action(states) : route.action,
        target: route.target(req, states),
        before: states.before,
        after: states.after,
        details: route.details?.(req, states),
      });
    } catch (err) {
      (req.log as unknown as Logger).error({ err, url: req.routeOptions.url, method: req.method }, LOST_EVENT);
    }
    return payload;
  },
});

const asList = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** Call before the family registers its routes, on the instance it registers them on. */
export const auditRoutes = (app: FastifyInstance, deps: AuditDeps, routes: AuditedRoutes): void => {
  if (deps.audit === undefined) return;
  app.addHook('onRoute', (options: RouteOptions) => {
    for (const method of asList(options.method)) {
      const route = routes[`${method} ${options.url}`];
      if (route === undefined) continue;
      const hooks = hooksFor(deps, route);
      options.preHandler = [...asList(options.preHandler), hooks.preHandler] as RouteOptions['preHandler'];
      options.onSend = [...asList(options.onSend), hooks.onSend] as RouteOptions['onSend'];
    }
  });
};

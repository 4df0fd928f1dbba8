/**
 * Lets one path answer API clients with JSON and browsers with a page: a Fastify route constraint
 * that derives `html` for a browser navigation (Fetch Metadata `Sec-Fetch-Mode: navigate`, or an
 * Accept header whose first media type is text/html, RFC 9110 §12.5.1) and `other` for everything
 * else. A route constrained to `html` wins for navigations; the unconstrained route of the same path
 * (e.g. Kratos' JSON GET /sessions) keeps every other request, so API clients see no change.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export const NAVIGATION_CONSTRAINT = 'navigation';

type Kind = 'html' | 'other';

const firstMediaType = (accept: string | string[] | undefined): string =>
  String(Array.isArray(accept) ? accept[0] : accept ?? '').split(',')[0].split(';')[0].trim().toLowerCase();

export const isNavigation = (req: Pick<FastifyRequest, 'headers'> | { headers: Record<string, string | string[] | undefined> }): boolean =>
  req.headers['sec-fetch-mode'] === 'navigate' || firstMediaType(req.headers.accept) === 'text/html';

type Strategy = Parameters<FastifyInstance['addConstraintStrategy']>[0];
type Handler = ReturnType<ReturnType<Strategy['storage']>['get']>;

const strategy: Strategy = {
  name: NAVIGATION_CONSTRAINT,
  storage: () => {
    const handlers = new Map<string, Handler>();
    return {
      get: (kind: string) => handlers.get(kind) ?? null,
      set: (kind: string, store: Handler) => void handlers.set(kind, store),
    };
  },
  deriveConstraint: (req): Kind => (isNavigation(req) ? 'html' : 'other'),
  // A non-navigation falls back to the unconstrained route (the API) rather than a 404.
  mustMatchWhenDerived: false,
};

/** Route constraints for a page served to browser navigations only; registers the strategy once per app. */
export const browserNavigationOnly = (app: FastifyInstance): { [NAVIGATION_CONSTRAINT]: Kind } => {
  if (!app.hasConstraintStrategy(NAVIGATION_CONSTRAINT)) app.addConstraintStrategy(strategy);
  return { [NAVIGATION_CONSTRAINT]: 'html' };
};

/** Both answers of a path that negotiates on navigation must say so to caches (RFC 9110 §12.5.5). */
export const varyOnNavigation = (reply: FastifyReply): FastifyReply => {
  const existing = reply.getHeader('vary');
  return reply.header('vary', existing ? `${String(existing)}, Accept, Sec-Fetch-Mode` : 'Accept, Sec-Fetch-Mode');
};

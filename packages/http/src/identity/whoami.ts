import { sessionWire, whoami } from '@olympus/identity';
import type { RegisterRoutes } from '../deps.ts';
import { frontendSchemas } from './self-service.schema.ts';
import { requestIdFacts } from './request-facts.ts';
import { sessionTokenOf } from './session-cookie.ts';

/**
 * GET /sessions/whoami (docs/compatibility.md §2.1): the session of the cookie, X-Session-Token or Bearer
 * token, with X-Kratos-Authenticated-Identity-Id for proxies; 401 session_inactive, 403
 * session_aal2_required.
 */
export const registerWhoamiRoutes: RegisterRoutes = (app, { identity: ctx }) => {
  if (ctx === undefined) return;
  app.get('/sessions/whoami', { schema: frontendSchemas.whoami }, async (req, reply) => {
    const { session, identity } = await whoami(ctx, sessionTokenOf(req, ctx.config), '', requestIdFacts(req));
    reply.header('x-kratos-authenticated-identity-id', identity.id).header('cache-control', 'private, no-store');
    return sessionWire(session, identity);
  });
};

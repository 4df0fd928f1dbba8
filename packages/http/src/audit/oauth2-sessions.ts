/**
 * What the admin API records for the OAuth2 server's sessions (packages/http/src/admin/sessions.ts):
 * consent sessions and remembered login sessions revoked, and every access token of a client
 * revoked. These change no field of one object, so the query that chose what to revoke is the
 * event's details.
 */
import type { FastifyRequest } from 'fastify';
import type { AuditedRoutes } from './audited-routes.ts';

const query = (req: FastifyRequest, name: string): string | undefined => {
  const value = (req.query as Record<string, unknown>)[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/** The named query parameters that were sent. */
const sent = (req: FastifyRequest, names: readonly string[]): Record<string, string> =>
  Object.fromEntries(names.flatMap((name) => (query(req, name) === undefined ? [] : [[name, query(req, name)!]])));

export const OAUTH2_SESSION_AUDIT: AuditedRoutes = {
  'DELETE /admin/oauth2/auth/sessions/consent': {
    action: 'consent.revoke',
    target: (req) => ({ type: 'subject', id: query(req, 'subject') ?? '' }),
    details: (req) => sent(req, ['client', 'consent_request_id', 'all']),
  },
  'DELETE /admin/oauth2/auth/sessions/login': {
    action: 'login_session.revoke',
    target: (req) => (query(req, 'sid') === undefined
      ? { type: 'subject', id: query(req, 'subject') ?? '' }
      : { type: 'login_session', id: query(req, 'sid')! }),
    details: (req) => sent(req, ['subject', 'sid']),
  },
  'DELETE /admin/oauth2/tokens': {
    action: 'client.tokens.revoke',
    target: (req) => ({ type: 'client', id: query(req, 'client_id') ?? '' }),
  },
};

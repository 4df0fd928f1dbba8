import type { FastifyReply, FastifyRequest } from 'fastify';
import { handleTokenRequest, InvalidRequest } from '@olympus/oauth2';
import type { RegisterRoutes } from '../deps.ts';
import { oauth2Schemas } from './oauth2.schema.ts';

const FORM = 'application/x-www-form-urlencoded';

/** RFC 6749 §5.1: token responses (and introspection, userinfo) must never be cached (AS-25). */
export const noStore = (reply: FastifyReply): void => {
  reply.header('cache-control', 'no-store');
  reply.header('pragma', 'no-cache');
};

const mediaType = (req: FastifyRequest): string =>
  String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();

export interface FormEndpoint {
  /** "token endpoint" */
  name: string;
  /** The section that defines its request, e.g. "RFC 6749 §4.1.3". */
  section: string;
  /** A sample body for the hint. */
  example: string;
}

/**
 * The form body of an OAuth2 endpoint that takes only application/x-www-form-urlencoded. A JSON body
 * is the most common mistake, so its error shows the fix.
 */
export const formParams = (req: FastifyRequest, endpoint: FormEndpoint): Record<string, string> => {
  const type = mediaType(req);
  if (type === 'application/json') {
    throw new InvalidRequest(`The ${endpoint.name} takes ${FORM} (${endpoint.section}), not JSON.`, {
      hint: `Send "Content-Type: ${FORM}" and a body like ${endpoint.example} (URLSearchParams in JavaScript, data= in Python requests).`,
    });
  }
  if (type !== FORM) {
    throw new InvalidRequest(`The ${endpoint.name} takes ${FORM} (${endpoint.section}).`, {
      hint: `The request's Content-Type was ${type ? `"${type}"` : 'missing'}.`,
    });
  }
  return (req.body ?? {}) as Record<string, string>;
};

export const authorizationHeader = (req: FastifyRequest): string | undefined =>
  typeof req.headers.authorization === 'string' ? req.headers.authorization : undefined;

const TOKEN_ENDPOINT: FormEndpoint = {
  name: 'token endpoint',
  section: 'RFC 6749 §4.1.3',
  example: 'grant_type=authorization_code&code=…&redirect_uri=…&code_verifier=…',
};

/** `POST /oauth2/token` (RFC 6749 §3.2): the grants live in @olympus/oauth2 (grants/). */
export const registerTokenRoutes: RegisterRoutes = (app, { ctx }) => {
  app.post('/oauth2/token', { schema: oauth2Schemas.token }, async (req, reply) => {
    noStore(reply);
    const params = formParams(req, TOKEN_ENDPOINT);
    return handleTokenRequest(ctx, { params, authorization: authorizationHeader(req), requestId: String(req.id) });
  });
  for (const method of ['GET', 'PUT', 'PATCH', 'DELETE'] as const) {
    app.route({
      method,
      url: '/oauth2/token',
      schema: oauth2Schemas.tokenNotPost(method),
      handler: async (_req, reply) => {
        noStore(reply);
        reply.header('allow', 'POST');
        throw new InvalidRequest('The token endpoint accepts only POST (RFC 6749 §3.2).', {
          hint: `Send the token request as POST with Content-Type: ${FORM}.`,
        });
      },
    });
  }
};

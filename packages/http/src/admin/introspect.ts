import { introspectToken } from '@olympus/oauth2';
import type { RegisterRoutes } from '../deps.ts';
import { formParams, noStore } from '../public/token.ts';
import { oauth2Schemas } from '../public/oauth2.schema.ts';

/**
 * `POST /admin/oauth2/introspect` (RFC 7662 §2). It lives on the admin origin, which is what
 * authorizes callers (§2.1 "MUST require some form of authorization"; AS-33).
 */
export const registerIntrospectRoutes: RegisterRoutes = (app, { ctx }) => {
  app.post('/admin/oauth2/introspect', { schema: oauth2Schemas.introspect }, async (req, reply) => {
    noStore(reply);
    const params = formParams(req, { name: 'introspection endpoint', section: 'RFC 7662 §2.1', example: 'token=…&scope=…' });
    return introspectToken(ctx, { token: params.token, scope: params.scope });
  });
};

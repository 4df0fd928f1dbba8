import { handleRevocationRequest } from '@olympus/oauth2';
import type { RegisterRoutes } from '../deps.ts';
import { oauth2Schemas } from './oauth2.schema.ts';
import { authorizationHeader, formParams, noStore } from './token.ts';

/**
 * `POST /oauth2/revoke` (RFC 7009 §2): client authentication as at the token endpoint; 200 with an
 * empty body for a revoked or unknown token (§2.2).
 */
export const registerRevokeRoutes: RegisterRoutes = (app, { ctx }) => {
  app.post('/oauth2/revoke', { schema: oauth2Schemas.revoke }, async (req, reply) => {
    noStore(reply);
    const params = formParams(req, { name: 'revocation endpoint', section: 'RFC 7009 §2.1', example: 'token=…&token_type_hint=refresh_token' });
    await handleRevocationRequest(ctx, { params, authorization: authorizationHeader(req), requestId: String(req.id) });
    return reply.code(200).send();
  });
};

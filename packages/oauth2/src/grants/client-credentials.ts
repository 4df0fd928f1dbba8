import { randomUUID } from 'node:crypto';
import { isPublicClient, scopesOf } from '../clients/client.ts';
import { InvalidRequest, InvalidScope, UnauthorizedClient } from '../errors.ts';
import { issueTokens } from '../tokens/issue.ts';
import type { GrantSession } from '../tokens/records.ts';
import { parseScope, scopesNotIn } from '../tokens/scope.ts';
import type { GrantHandler } from './grant.ts';

/**
 * The client credentials grant (RFC 6749 §4.4): confidential clients only ("MUST only be used by
 * confidential clients"); scope and audience within what the client is registered for; the subject
 * is the client itself; no refresh or ID token.
 */
export const clientCredentialsGrant: GrantHandler = {
  async handle(ctx, { params, client, requestId }) {
    const id = client.client_id;
    if (isPublicClient(client)) {
      throw new UnauthorizedClient('Public clients may not use the client_credentials grant.', {
        hint: `Client "${id}" authenticates with none; client_credentials needs a confidential client (RFC 6749 §4.4).`,
      });
    }
    const scope = parseScope(params.scope);
    const scopesNotAllowed = scopesNotIn(scope, scopesOf(client));
    if (scopesNotAllowed.length > 0) {
      throw new InvalidScope('The requested scope is not allowed for this client.', {
        hint: `Client "${id}" may not request ${scopesNotAllowed.join(', ')}; its scope is "${client.scope}".`,
      });
    }
    // Hydra takes `audience` space-delimited, like scope.
    const audience = parseScope(params.audience);
    const audienceNotAllowed = scopesNotIn(audience, client.audience ?? []);
    if (audienceNotAllowed.length > 0) {
      throw new InvalidRequest('The requested audience is not allowed for this client.', {
        hint: `Client "${id}" may not request audience ${audienceNotAllowed.join(', ')}; its audience is [${(client.audience ?? []).join(', ')}].`,
      });
    }
    const session: GrantSession = {
      grantId: randomUUID(), flowId: '', clientId: id, subject: id, scope, audience, sessionId: '',
      authTime: 0, requestedAt: ctx.now(), acr: '', amr: [], nonce: '', idTokenClaims: {}, accessTokenClaims: {},
      traceId: requestId,
    };
    const { response } = await issueTokens(ctx, { grant: 'client_credentials', client, session });
    return { response, session };
  },
};

import type { OAuth2Client, StoredClient, TokenEndpointAuthMethod } from '../clients/client.ts';
import type { OAuth2Context } from '../context.ts';
import { InvalidRequest } from '../errors.ts';
import { clientAuthFailed, type ClientAuthRequest } from './method.ts';
import { AUTH_METHOD_NAMES, CLIENT_AUTH_METHODS } from './methods.ts';

/** The one method the request used; RFC 6749 §2.3: "MUST NOT use more than one authentication method". */
export const detectAuthMethod = (req: ClientAuthRequest): TokenEndpointAuthMethod => {
  const used = AUTH_METHOD_NAMES.filter((name) => CLIENT_AUTH_METHODS[name].isUsedBy(req));
  if (used.length > 1) {
    throw new InvalidRequest('The request used more than one client authentication method.', {
      hint: `It used ${used.join(' and ')}; RFC 6749 §2.3 allows exactly one per request.`,
    });
  }
  if (used.length === 0) {
    throw clientAuthFailed(
      'The request carried no client credentials: send HTTP Basic credentials, client_id and client_secret, a client_assertion, or (public clients) client_id.',
    );
  }
  return used[0];
};

const loadClient = async (ctx: OAuth2Context, clientId: string): Promise<StoredClient> => {
  const stored = await ctx.clients.get(clientId);
  if (!stored) throw clientAuthFailed(`No client with id "${clientId}" is registered.`);
  return stored;
};

/** The request must use the method the client registered: a public client cannot be addressed with a secret, and back. */
const checkRegisteredMethod = (client: OAuth2Client, used: TokenEndpointAuthMethod): void => {
  const registered = client.token_endpoint_auth_method || 'client_secret_basic';
  if (registered === used) return;
  throw clientAuthFailed(
    `The client is registered with ${registered} but the request used ${used}: ${CLIENT_AUTH_METHODS[registered].howToSend}, or register the client with token_endpoint_auth_method=${used}.`,
  );
};

/**
 * Client authentication at the token and revocation endpoints (RFC 6749 §2.3, §3.2.1; RFC 7523 §2.2):
 * detect the one method used, load the client, check it is the registered method, verify the credentials.
 */
export const authenticateClient = async (ctx: OAuth2Context, req: ClientAuthRequest): Promise<OAuth2Client> => {
  const used = detectAuthMethod(req);
  const method = CLIENT_AUTH_METHODS[used];
  const presented = method.read(req);
  const stored = await loadClient(ctx, presented.clientId);
  checkRegisteredMethod(stored.client, used);
  await method.verify(ctx, stored, presented, req);
  return stored.client;
};

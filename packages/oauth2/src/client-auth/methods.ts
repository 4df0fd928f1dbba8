import type { TokenEndpointAuthMethod } from '../clients/client.ts';
import { clientSecretBasic } from './client-secret-basic.ts';
import { clientSecretPost } from './client-secret-post.ts';
import type { ClientAuthMethod } from './method.ts';
import { none } from './none.ts';
import { privateKeyJwt } from './private-key-jwt.ts';

/** Every `token_endpoint_auth_method` Olympus supports; the compiler checks none is missing. */
export const CLIENT_AUTH_METHODS = {
  client_secret_basic: clientSecretBasic,
  client_secret_post: clientSecretPost,
  private_key_jwt: privateKeyJwt,
  none,
} satisfies Record<TokenEndpointAuthMethod, ClientAuthMethod>;

export const AUTH_METHOD_NAMES = Object.keys(CLIENT_AUTH_METHODS) as TokenEndpointAuthMethod[];

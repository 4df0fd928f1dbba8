import type { GrantType } from '../clients/client.ts';
import { authorizationCodeGrant } from './authorization-code.ts';
import { clientCredentialsGrant } from './client-credentials.ts';
import type { GrantHandler } from './grant.ts';
import { refreshTokenGrant } from './refresh-token.ts';

/** The grants the token endpoint serves, by grant_type; the compiler checks none is missing. */
export const GRANT_HANDLERS = {
  authorization_code: authorizationCodeGrant,
  refresh_token: refreshTokenGrant,
  client_credentials: clientCredentialsGrant,
} satisfies Record<GrantType, GrantHandler>;

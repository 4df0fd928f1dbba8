import { GRANT_TYPES, type GrantType, type OAuth2Client } from '../clients/client.ts';
import { InvalidRequest, UnauthorizedClient, UnsupportedGrantType } from '../errors.ts';

/** A client without grant_types may use the authorization code grant only (Hydra's default). */
export const effectiveGrantTypes = (client: Pick<OAuth2Client, 'grant_types'>): string[] =>
  client.grant_types?.length ? client.grant_types : ['authorization_code'];

const REFUSED_BY_DESIGN: Record<string, string> = {
  password: ' The password grant MUST NOT be used (RFC 9700 §2.4).',
  implicit: ' The implicit grant is not a token endpoint grant and Olympus does not offer it (RFC 9700 §2.1.2).',
};

/** RFC 6749 §5.2: grant_type is required; only the grants Olympus implements are accepted (AS-30). */
export const checkGrantType = (grantType: string | undefined): GrantType => {
  if (!grantType) {
    throw new InvalidRequest('The request is missing the grant_type parameter.', {
      hint: `Send grant_type=${GRANT_TYPES.join(', ')} (RFC 6749 §4.1.3).`,
    });
  }
  if (!(GRANT_TYPES as readonly string[]).includes(grantType)) {
    throw new UnsupportedGrantType(`The grant type "${grantType}" is not supported.`, {
      hint: `Olympus supports ${GRANT_TYPES.join(', ')}.${REFUSED_BY_DESIGN[grantType] ?? ''}`,
    });
  }
  return grantType as GrantType;
};

/** RFC 6749 §5.2 unauthorized_client: each client uses only its registered grant types (AS-30). */
export const checkClientMayUse = (client: OAuth2Client, grantType: GrantType): void => {
  const allowed = effectiveGrantTypes(client);
  if (allowed.includes(grantType)) return;
  throw new UnauthorizedClient(`The client is not allowed to use the grant type "${grantType}".`, {
    hint: `Client "${client.client_id}" has grant_types [${allowed.join(', ')}]; add ${grantType} to its grant_types to use it.`,
  });
};

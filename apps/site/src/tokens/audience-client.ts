/**
 * The inspector's audience check: it has no client of its own (OIDC Core §3.1.3.7 (3) compares
 * `aud` with the relying party's client_id), so it asks whether an audience is a client registered
 * here and says which. A JWT access token without `aud` (RFC 9068 §3 leaves it to the resource
 * server) is judged by its `client_id` instead.
 */
import type { JWTPayload } from 'jose';
import { audiencesOf, failed, passed, type TokenCheck } from './check.ts';

/** Only the first few audiences are looked up: a pasted token must not cost a query per array entry. */
const MAX_LOOKUPS = 10;

const SOURCE = 'OpenID Connect Core 1.0 §3.1.3.7 (3); RFC 9068 §4';

export const checkAudienceIsClient = async (payload: JWTPayload, isClient: (id: string) => Promise<boolean>): Promise<TokenCheck> => {
  const audiences = audiencesOf(payload.aud);
  for (const aud of audiences.slice(0, MAX_LOOKUPS)) {
    if (await isClient(aud)) return passed('aud', SOURCE, 'tokens.reason.aud.registered_client', { clientId: aud });
  }
  if (audiences.length > 0) return failed('aud', SOURCE, 'tokens.reason.aud.no_registered_client', { aud: audiences.join(', ') });
  const clientId = typeof payload.client_id === 'string' ? payload.client_id : undefined;
  if (clientId !== undefined && (await isClient(clientId))) return passed('aud', SOURCE, 'tokens.reason.aud.client_id', { clientId });
  return failed('aud', SOURCE, 'tokens.reason.aud.nobody');
};

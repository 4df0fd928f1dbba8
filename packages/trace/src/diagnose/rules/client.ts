/**
 * The client: unknown to the server (at /oauth2/auth or the token endpoint), or authenticating at the
 * token endpoint with another method than the one it is registered for (seed 003's
 * `client_secret_basic` vs `client_secret_post`; RFC 6749 §2.3.1, OpenID Connect Registration
 * `token_endpoint_auth_method`).
 */
import { flagAt, shown, textAt } from '../read-evidence.ts';
import { clientOf, failure, line, type FailureRule } from '../rule.ts';

export const clientUnknown: FailureRule = (event) => {
  const knownFlag = flagAt(event, 'client_known');
  const unknownAtAuthorize = event.stop === 'authorize' && event.errorCode === 'invalid_client';
  if (knownFlag !== false && !unknownAtAuthorize) return undefined;
  if (!['authorize', 'token_exchange', 'refresh'].includes(event.stop)) return undefined;
  return failure(event, 'client_unknown', {
    summary: `No OAuth2 client "${event.clientId ?? '(none sent)'}" is registered on this server.`,
    evidence: [line('client id sent', event.clientId ?? '(none)'), line('client registered', 'no')],
    fix: `Register the client (\`olympus create oauth2-client --id ${clientOf(event)} …\` or Athena → Clients → New), or make the app send the client_id of an existing client (\`olympus list oauth2-clients\`) — and check it talks to the right Olympus (issuer, environment).`,
  });
};

const HOW_TO_SEND: Record<string, string> = {
  client_secret_basic: 'an HTTP Basic Authorization header of client_id:client_secret',
  client_secret_post: 'client_id and client_secret as form fields of the body',
  private_key_jwt: 'a client_assertion JWT signed with its key',
  none: 'only client_id in the body, no secret',
};

export const clientAuthMethodMismatch: FailureRule = (event) => {
  if (event.stop !== 'token_exchange' && event.stop !== 'refresh') return undefined;
  const registered = textAt(event, 'registered_auth_method');
  const attempted = textAt(event, 'attempted_auth_method');
  if (registered === undefined || attempted === undefined || registered === attempted) return undefined;
  return failure(event, 'client_auth_method_mismatch', {
    summary: `Client "${clientOf(event)}" is registered for ${registered} but authenticated with ${attempted}.`,
    evidence: [line('registered auth method', registered), line('attempted auth method', attempted), line('grant type', shown(textAt(event, 'grant_type')))],
    fix: `Either make the app send ${HOW_TO_SEND[registered] ?? registered}, or register the method it uses: \`olympus update oauth2-client ${clientOf(event)} --token-endpoint-auth-method ${attempted}\` (Athena → Clients → Token endpoint auth method).`,
  });
};

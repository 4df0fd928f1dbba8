/**
 * A client not registered for what it asked: the response type at /oauth2/auth (Olympus serves only
 * `code`, RFC 9700 §2.1.2) or the grant type at /oauth2/auth (authorization_code) and the token
 * endpoint (RFC 6749 §5.2 unauthorized_client).
 */
import type { TraceEvent } from '../../event.ts';
import { shown, textAt, textsAt } from '../read-evidence.ts';
import { clientOf, failure, line, type FailureRule } from '../rule.ts';

export const responseTypeNotAllowed: FailureRule = (event) => {
  if (event.stop !== 'authorize') return undefined;
  const sent = textAt(event, 'response_type');
  const registered = textsAt(event, 'registered_response_types');
  const unsupported = event.errorCode === 'unsupported_response_type';
  const unregistered = event.errorCode === 'unauthorized_client' && registered !== undefined && sent !== undefined && !registered.includes(sent);
  if (!unsupported && !unregistered) return undefined;
  return failure(event, 'response_type_not_allowed', {
    summary: unsupported
      ? `The response_type "${sent ?? ''}" is not supported: Olympus serves only the authorization code flow.`
      : `Client "${clientOf(event)}" is not registered for response_type "${sent ?? ''}".`,
    evidence: [line('response type sent', shown(sent)), line('registered response types', shown(registered))],
    fix: unsupported
      ? 'Send response_type=code with PKCE; the implicit and hybrid flows are not served (RFC 9700 §2.1.2).'
      : `Register the response type: \`olympus update oauth2-client ${clientOf(event)} --response-type code\` (Athena → Clients → Response types).`,
  });
};

const grantTypeOf = (event: TraceEvent): string | undefined => (event.stop === 'authorize' ? 'authorization_code' : textAt(event, 'grant_type'));

export const grantTypeNotAllowed: FailureRule = (event) => {
  if (!['authorize', 'token_exchange', 'refresh'].includes(event.stop) || event.errorCode !== 'unauthorized_client') return undefined;
  const grant = grantTypeOf(event);
  const registered = textsAt(event, 'registered_grant_types');
  if (registered !== undefined && grant !== undefined && registered.includes(grant)) return undefined;
  return failure(event, 'grant_type_not_allowed', {
    summary: `Client "${clientOf(event)}" is not registered for the grant type ${grant ?? '(unknown)'}.`,
    evidence: [line('grant type used', shown(grant)), line('registered grant types', shown(registered))],
    fix: `Register it, repeating the grant types to keep: \`olympus update oauth2-client ${clientOf(event)} --grant-type ${grant ?? '<grant type>'}${(registered ?? []).map((g) => ` --grant-type ${g}`).join('')}\` (Athena → Clients → Grant types).`,
  });
};

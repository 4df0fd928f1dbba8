/**
 * A redirect URI that is not registered (seed 003: it differed by a slash). Read at /oauth2/auth from
 * the registered URIs and the one sent, and at the token endpoint from the code's state: the
 * redirect_uri of the exchange must be the one of the authorization request (RFC 6749 §4.1.3).
 */
import { textAt, textsAt } from '../read-evidence.ts';
import { clientOf, failure, line, type FailureRule } from '../rule.ts';
import { nearestRegistered, sameRedirect } from '../uri-difference.ts';

const atAuthorize: FailureRule = (event) => {
  const sent = textAt(event, 'redirect_uri_sent');
  const registered = textsAt(event, 'registered_redirect_uris');
  if (sent === undefined || registered === undefined || registered.some((uri) => sameRedirect(sent, uri))) return undefined;
  const nearest = nearestRegistered(sent, registered);
  const difference = nearest === undefined ? 'the client has no registered redirect URI' : nearest.differences.join('; ');
  return failure(event, 'redirect_uri_mismatch', {
    summary: `The redirect URI sent is not registered for client "${clientOf(event)}": ${difference}.`,
    evidence: [
      line('registered redirect URIs', registered.length === 0 ? '(none)' : registered.join(', ')),
      line('sent', sent),
      ...(nearest === undefined ? [] : [line('nearest registered', nearest.uri)]),
      line('difference', difference),
    ],
    fix: `Make the app send exactly ${nearest === undefined ? 'a registered URI' : nearest.uri}, or register the one it sends: \`olympus update oauth2-client ${clientOf(event)} --redirect-uri ${sent}\` (the flag replaces the list: repeat it for every URI to keep; Athena → Clients → Redirect URIs).`,
  });
};

const atTokenEndpoint: FailureRule = (event) => {
  if (textAt(event, 'code_state') !== 'redirect_uri_mismatch') return undefined;
  return failure(event, 'redirect_uri_mismatch', {
    summary: 'The code was exchanged with another redirect_uri than the authorization request sent.',
    evidence: [line('code state', 'redirect_uri_mismatch')],
    fix: 'Send the same redirect_uri to POST /oauth2/token as to /oauth2/auth, byte for byte (RFC 6749 §4.1.3): build both from one setting of the app.',
  });
};

export const redirectUriMismatch: FailureRule = (event, chain, now) =>
  event.stop === 'authorize' ? atAuthorize(event, chain, now) : event.stop === 'token_exchange' ? atTokenEndpoint(event, chain, now) : undefined;

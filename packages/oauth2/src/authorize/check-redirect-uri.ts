import { InvalidRequest } from '../errors.ts';
import { AuthorizeRejected } from './rejection.ts';
import type { AuthorizeStep } from './request-state.ts';
import { explainMismatch, matchRedirectUri } from './redirect-uri.ts';

/**
 * RFC 6749 §3.1.2.3 and RFC 9700 §2.1: the redirect URI must equal a registered one. It may be
 * omitted only when exactly one is registered. A mismatch is never redirected to (AS-4); the error
 * page names the nearest registered URI and the difference (docs/architecture.md §5).
 */
export const checkRedirectUri: AuthorizeStep = (state) => {
  const client = state.client!;
  const sent = state.params.redirect_uri;
  const registered = client.redirect_uris;
  if (sent === undefined || sent === '') {
    if (registered.length !== 1) {
      throw new AuthorizeRejected(new InvalidRequest('The request is missing the redirect_uri parameter.', {
        hint: `Client "${client.client_id}" has ${registered.length} redirect URIs registered, so the request must name one with redirect_uri.`,
      }), null);
    }
    state.request.redirectUri = registered[0];
    state.request.redirectUriSent = false;
  } else if (!matchRedirectUri(registered, sent)) {
    const mismatch = explainMismatch(registered, sent);
    const hint = mismatch
      ? `The redirect_uri "${sent}" is not registered for client "${client.client_id}". Nearest registered: "${mismatch.nearest}" — ${mismatch.differences.join('; ')}. Olympus compares redirect URIs exactly.`
      : `Client "${client.client_id}" has no redirect URIs registered; add one with olympus update oauth2-client.`;
    throw new AuthorizeRejected(new InvalidRequest('The redirect_uri does not match any redirect URI registered for this client.', {
      hint,
    }), null);
  } else {
    state.request.redirectUri = sent;
    state.request.redirectUriSent = true;
  }
  const responseMode = state.params.response_mode === 'form_post' ? 'form_post' : 'query';
  state.redirect = { redirectUri: state.request.redirectUri!, state: state.params.state ?? '', responseMode };
};

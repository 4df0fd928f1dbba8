import { InvalidRequest, UnauthorizedClient, UnsupportedResponseType } from '../errors.ts';
import { fail } from './fail.ts';
import type { AuthorizeStep } from './request-state.ts';

/**
 * Only the authorization code flow exists in Olympus: no implicit or hybrid responses
 * (RFC 9700 §2.1.2). The client must be registered for it (RFC 6749 §4.1.2.1 unauthorized_client).
 */
export const checkResponseType: AuthorizeStep = (state) => {
  const client = state.client!;
  const responseType = state.params.response_type;
  if (!responseType) {
    fail(state, new InvalidRequest('The request is missing the response_type parameter.', { hint: 'Add response_type=code.' }));
  }
  if (responseType !== 'code') {
    fail(state, new UnsupportedResponseType(`The response_type "${responseType}" is not supported.`, {
      hint: 'Olympus supports only the authorization code flow: use response_type=code with PKCE (RFC 9700 §2.1.2 deprecates the implicit and hybrid flows).',
    }));
  }
  if (!client.response_types.includes('code') || !client.grant_types.includes('authorization_code')) {
    fail(state, new UnauthorizedClient('The client is not allowed to use the authorization code flow.', {
      hint: `Client "${client.client_id}" has grant_types [${client.grant_types.join(', ')}] and response_types [${client.response_types.join(', ')}]; add authorization_code and code.`,
    }));
  }
  const mode = state.params.response_mode;
  if (mode !== undefined && mode !== 'query' && mode !== 'form_post') {
    fail(state, new InvalidRequest(`The response_mode "${mode}" is not supported.`, {
      hint: 'Use response_mode=query (the default) or form_post.',
    }));
  }
  state.request.responseType = 'code';
  state.request.responseMode = mode === 'form_post' ? 'form_post' : 'query';
};

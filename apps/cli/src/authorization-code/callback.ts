/**
 * What happens when the browser comes back to the redirect URI: check state, surface an error
 * response, exchange the code with the PKCE verifier, check the ID token's nonce.
 */
import { ApiError, CommandFailed } from '../errors.ts';
import { ApiClient } from '../http/api-client.ts';
import { authenticatedForm } from '../http/client-auth.ts';
import { idTokenClaimsOf, type TokenResponse } from '../tokens/token-view.ts';
import type { AuthorizationCodeOptions, AuthorizationCodeResult } from './options.ts';

export interface PendingRequest {
  state: string;
  nonce: string;
  verifier: string;
  redirectUri: string;
}

/** RFC 6749 §4.1.2.1: the server sent the user back with an error instead of a code. */
const authorizationError = (params: URLSearchParams, callbackUrl: string): ApiError =>
  new ApiError({
    status: 0,
    method: 'GET',
    url: callbackUrl,
    error: params.get('error') ?? '',
    description: params.get('error_description') ?? '',
    hint: params.get('error_hint') ?? '',
    debug: params.get('error_debug') ?? '',
    requestId: '',
  });

const exchangeCode = async (
  options: AuthorizationCodeOptions,
  pending: PendingRequest,
  code: string,
): Promise<TokenResponse> => {
  const tokenEndpoint = new ApiClient({
    api: 'public',
    baseUrl: options.tokenUrl,
    headers: options.headers ?? new Headers(),
  });
  const credentials = { clientId: options.clientId, clientSecret: options.clientSecret };
  const form = {
    grant_type: 'authorization_code',
    code,
    redirect_uri: pending.redirectUri,
    code_verifier: pending.verifier,
  };
  const response = await tokenEndpoint.request('POST', '', authenticatedForm(credentials, form));
  return response.body as TokenResponse;
};

export const completeAuthorization = async (
  options: AuthorizationCodeOptions,
  pending: PendingRequest,
  callbackUrl: URL,
): Promise<AuthorizationCodeResult> => {
  const params = callbackUrl.searchParams;
  // RFC 6749 §10.12: a callback whose state we did not send may be forged; never act on it.
  if (params.get('state') !== pending.state) {
    throw new CommandFailed(
      `state mismatch: sent "${pending.state}", got "${params.get('state') ?? ''}" — the callback did not come from this request`,
    );
  }
  if (params.has('error')) throw authorizationError(params, callbackUrl.origin + callbackUrl.pathname);
  const code = params.get('code');
  if (!code) throw new CommandFailed('the callback carried neither a code nor an error');
  const tokens = await exchangeCode(options, pending, code);
  const idTokenClaims = idTokenClaimsOf(tokens);
  // OIDC Core §3.1.3.7 step 11: the ID token must echo the nonce of this request.
  if (idTokenClaims && idTokenClaims.nonce !== pending.nonce) {
    throw new CommandFailed(
      `ID token nonce mismatch: sent "${pending.nonce}", got "${String(idTokenClaims.nonce ?? '')}"`,
    );
  }
  return idTokenClaims ? { tokens, idTokenClaims } : { tokens };
};

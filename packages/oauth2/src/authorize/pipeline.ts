import type { OAuth2Context } from '../context.ts';
import type { AuthorizeRequest } from '../flows/flow.ts';
import type { OAuth2Client } from '../clients/client.ts';
import { checkClient } from './check-client.ts';
import { checkRedirectUri } from './check-redirect-uri.ts';
import { checkResponseType } from './check-response-type.ts';
import { checkAudience, checkScope } from './check-scope.ts';
import { checkPkce } from './check-pkce.ts';
import { checkIdTokenHint, checkMaxAge, checkPrompt, copyOidcParams } from './check-oidc-params.ts';
import type { AuthorizeState, AuthorizeStep } from './request-state.ts';

/**
 * The authorization request, validated step by step (RFC 6749 §4.1.1, OIDC Core §3.1.2.2).
 * Order matters: until the client and redirect URI are trusted, errors are shown, not redirected.
 */
export const AUTHORIZE_STEPS: readonly AuthorizeStep[] = [
  checkClient,
  checkRedirectUri,
  checkResponseType,
  copyOidcParams,
  checkPkce,
  checkScope,
  checkAudience,
  checkPrompt,
  checkMaxAge,
  checkIdTokenHint,
];

export const validateAuthorizeRequest = async (
  ctx: OAuth2Context,
  params: Record<string, string>,
  requestUrl: string,
): Promise<{ request: AuthorizeRequest; client: OAuth2Client }> => {
  const state: AuthorizeState = { ctx, params, requestUrl, request: { requestUrl } };
  for (const step of AUTHORIZE_STEPS) await step(state);
  return { request: state.request as AuthorizeRequest, client: state.client! };
};

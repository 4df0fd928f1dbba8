/**
 * The callback's code exchange (RFC 6749 §4.1.3) with client_secret_basic, or client_secret_post where
 * the provider announces only that (RFC 8414 §2), sending the PKCE verifier (RFC 7636 §4.5).
 */
import type { IdentityContext } from '../../context.ts';
import { appleClientSecret } from './apple.ts';
import type { Continuity } from './continuity.ts';
import { providerFailure, type ProviderEndpoints } from './discovery.ts';
import { callbackUrl, type OidcProvider } from './providers.ts';

/** RFC 6749 §2.3.1: id and secret are form-encoded before they are joined and base64-encoded. */
const basicAuth = (id: string, secret: string): string =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

const describeRefusal = (status: number, body: unknown): string => {
  const { error, error_description: description } = (body ?? {}) as Record<string, unknown>;
  if (typeof error !== 'string') return `answered HTTP ${status} without an OAuth2 error`;
  const hint = error === 'invalid_client' ? '; check client_id and client_secret' : error === 'invalid_grant' ? '; the code was used, expired, or issued for another redirect_uri or PKCE verifier' : '';
  return `refused the code: ${error}${typeof description === 'string' ? ` (${description})` : ''}${hint}`;
};

export interface ProviderTokens {
  idToken?: string;
  accessToken?: string;
}

/**
 * The token response (OIDC Core §3.1.3.3; RFC 6749 §5.1): the ID token, required except from an
 * OAuth2-only provider (github), and the access token for userinfo or the provider's API. Any refusal
 * names what the provider said.
 */
export const exchangeCode = async (
  ctx: IdentityContext, provider: OidcProvider, endpoints: ProviderEndpoints, continuity: Pick<Continuity, 'verifier'>, code: string,
  // The redirect_uri the authorization request carried (RFC 6749 §4.1.3): the console's dry run has its own.
  redirectUri = callbackUrl(ctx.config, provider.id),
): Promise<ProviderTokens> => {
  const clientId = provider.config.clientId;
  const clientSecret = provider.config.provider === 'apple' ? await appleClientSecret(provider, ctx.now()) : provider.config.clientSecret ?? '';
  const post = endpoints.tokenAuthMethods.length > 0 && !endpoints.tokenAuthMethods.includes('client_secret_basic') && endpoints.tokenAuthMethods.includes('client_secret_post');
  const form: Record<string, string> = {
    grant_type: 'authorization_code', code, redirect_uri: redirectUri,
    ...(continuity.verifier === undefined ? {} : { code_verifier: continuity.verifier }),
    ...(post ? { client_id: clientId, client_secret: clientSecret } : {}),
  };
  const headers: Record<string, string> = post ? {} : { authorization: basicAuth(clientId, clientSecret) };
  let answer: { status: number; body: unknown };
  try {
    answer = await ctx.providerHttp!.postForm(endpoints.token, form, headers);
  } catch (err) {
    throw providerFailure(provider, 'token endpoint', endpoints.token, (err as Error).message);
  }
  // GitHub answers a refused code with 200 and an OAuth2 error body.
  const body = (answer.body ?? {}) as Record<string, unknown>;
  if (answer.status !== 200 || typeof body.error === 'string') throw providerFailure(provider, 'token endpoint', endpoints.token, describeRefusal(answer.status, answer.body));
  const idToken = typeof body.id_token === 'string' ? body.id_token : undefined;
  const accessToken = typeof body.access_token === 'string' ? body.access_token : undefined;
  if (provider.config.provider === 'github') {
    if (accessToken === undefined) throw providerFailure(provider, 'token endpoint', endpoints.token, 'answered without an access_token');
  } else if (idToken === undefined) {
    throw providerFailure(provider, 'token endpoint', endpoints.token, 'answered without an id_token; add the openid scope at the provider');
  }
  return { ...(idToken === undefined ? {} : { idToken }), ...(accessToken === undefined ? {} : { accessToken }) };
};

/**
 * GitHub is OAuth2 only: no discovery, no ID token. After the code exchange the user comes from its REST
 * API: `GET /user` (the numeric id is the subject, as in Kratos) and `GET /user/emails`, whose primary
 * address becomes `email`, verified only when GitHub says so (GitHub REST API, "Users" and "Emails").
 */
import type { JWTPayload } from 'jose';
import type { IdentityContext } from '../../context.ts';
import { fetchJson, providerFailure, type ProviderEndpoints } from './discovery.ts';
import type { OidcProvider } from './providers.ts';

export const GITHUB_API = 'https://api.github.com';

export const GITHUB_ENDPOINTS: ProviderEndpoints = {
  authorization: 'https://github.com/login/oauth/authorize',
  token: 'https://github.com/login/oauth/access_token',
  jwksUri: '',
  pkceMethods: ['S256'],
  tokenAuthMethods: ['client_secret_basic', 'client_secret_post'],
};

/** GitHub answers without a User-Agent with 403; the version header pins the response shapes. */
const apiHeaders = (accessToken: string): Record<string, string> => ({
  authorization: `Bearer ${accessToken}`, accept: 'application/vnd.github+json', 'user-agent': 'Olympus', 'x-github-api-version': '2022-11-28',
});

interface GitHubEmail { email?: unknown; primary?: unknown; verified?: unknown }

export const githubClaims = async (ctx: IdentityContext, provider: OidcProvider, accessToken: string): Promise<JWTPayload> => {
  const user = await fetchJson(ctx, provider, 'user API', `${GITHUB_API}/user`, apiHeaders(accessToken));
  if (typeof user.id !== 'number' && typeof user.id !== 'string') throw providerFailure(provider, 'user API', `${GITHUB_API}/user`, 'answered without the user id');
  const emails = await fetchJson(ctx, provider, 'emails API', `${GITHUB_API}/user/emails`, apiHeaders(accessToken), true) as unknown as GitHubEmail[];
  const primary = emails.find((e) => e.primary === true && typeof e.email === 'string');
  return {
    sub: String(user.id),
    ...(typeof user.name === 'string' && user.name !== '' ? { name: user.name } : {}),
    ...(typeof user.login === 'string' ? { nickname: user.login, preferred_username: user.login } : {}),
    ...(typeof user.avatar_url === 'string' ? { picture: user.avatar_url } : {}),
    ...(typeof user.html_url === 'string' ? { profile: user.html_url } : {}),
    ...(primary ? { email: primary.email as string, email_verified: primary.verified === true } : {}),
  };
};

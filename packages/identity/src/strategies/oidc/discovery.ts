/**
 * A provider's endpoints and keys from its discovery document (OpenID Connect Discovery 1.0 §4), kept
 * for an hour per issuer; `auth_url`/`token_url` override the discovered endpoints as in Kratos. The
 * document must name the configured issuer (§4.3), or an ID token could be checked against another's
 * (Microsoft's multi-tenant documents name the `{tenantid}` template; microsoft.ts). GitHub has none.
 */
import type { IdentityContext } from '../../context.ts';
import { OidcProviderError } from '../../errors.ts';
import { APPLE_ENDPOINTS } from './apple.ts';
import { GITHUB_ENDPOINTS } from './github.ts';
import { discoveryIssuerMatches } from './microsoft.ts';
import type { OidcProvider } from './providers.ts';

export interface ProviderEndpoints {
  authorization: string;
  token: string;
  jwksUri: string;
  /** OIDC Core §5.3, for `claims_source: userinfo`. */
  userinfo?: string;
  /** PKCE methods the provider announces (RFC 8414 §2 code_challenge_methods_supported). */
  pkceMethods: string[];
  tokenAuthMethods: string[];
}

const CACHE_MS = 60 * 60_000;
const cache = new Map<string, { at: number; doc: Record<string, unknown> }>();

/** Any provider call's failure, naming the URL and what it was for. */
export const providerFailure = (provider: OidcProvider, role: string, url: string, problem: string): OidcProviderError =>
  new OidcProviderError(`The sign-in provider "${provider.id}" could not be used.`, {
    reason: `Its ${role} ${url} ${problem}.`,
    details: { provider: provider.id, step: role },
  });

/** `list`: the answer is a JSON array (GitHub's emails), else an object. */
export const fetchJson = async (
  ctx: IdentityContext, provider: OidcProvider, role: string, url: string, headers?: Record<string, string>, list = false,
): Promise<Record<string, unknown>> => {
  if (ctx.providerHttp === undefined) throw providerFailure(provider, role, url, 'cannot be reached: this server has no outbound HTTP for providers');
  try {
    const doc = await ctx.providerHttp.getJson(url, headers);
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc) !== list) throw new Error(`answered with JSON that is not ${list ? 'a list' : 'an object'}`);
    return doc as Record<string, unknown>;
  } catch (err) {
    if (err instanceof OidcProviderError) throw err;
    throw providerFailure(provider, role, url, (err as Error).message);
  }
};

const discoveryDocument = async (ctx: IdentityContext, provider: OidcProvider): Promise<Record<string, unknown>> => {
  const url = `${provider.issuer}/.well-known/openid-configuration`;
  const cached = cache.get(url);
  if (cached && ctx.now() - cached.at < CACHE_MS) return cached.doc;
  const doc = await fetchJson(ctx, provider, 'discovery document', url);
  if (!discoveryIssuerMatches(provider, doc.issuer)) {
    throw providerFailure(provider, 'discovery document', url, `names the issuer ${JSON.stringify(doc.issuer)}, not the configured issuer_url ${provider.issuer} (OpenID Connect Discovery §4.3); set issuer_url to the provider's issuer exactly`);
  }
  cache.set(url, { at: ctx.now(), doc });
  return doc;
};

const stringList = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

export const providerEndpoints = async (ctx: IdentityContext, provider: OidcProvider): Promise<ProviderEndpoints> => {
  if (provider.config.provider === 'github') {
    return { ...GITHUB_ENDPOINTS, authorization: provider.config.authUrl ?? GITHUB_ENDPOINTS.authorization, token: provider.config.tokenUrl ?? GITHUB_ENDPOINTS.token };
  }
  if (provider.config.provider === 'apple') return APPLE_ENDPOINTS;
  const doc = await discoveryDocument(ctx, provider);
  const endpoint = (configured: string | undefined, key: string): string => {
    const value = configured ?? doc[key];
    if (typeof value !== 'string' || !URL.canParse(value)) {
      throw providerFailure(provider, 'discovery document', `${provider.issuer}/.well-known/openid-configuration`, `has no usable "${key}"`);
    }
    return value;
  };
  return {
    authorization: endpoint(provider.config.authUrl, 'authorization_endpoint'),
    token: endpoint(provider.config.tokenUrl, 'token_endpoint'),
    jwksUri: endpoint(undefined, 'jwks_uri'),
    ...(typeof doc.userinfo_endpoint === 'string' ? { userinfo: doc.userinfo_endpoint } : {}),
    pkceMethods: stringList(doc.code_challenge_methods_supported),
    tokenAuthMethods: stringList(doc.token_endpoint_auth_methods_supported),
  };
};

/**
 * A flow's submission with `provider=<id>`: the authorization request to the provider (OIDC Core
 * §3.1.2.1, code flow) with a fresh state, nonce and, unless `pkce: never`, an S256 challenge (RFC 7636
 * §4.2), and the sealed continuity record that carries them to the callback (continuity.ts).
 */
import { createHash } from 'node:crypto';
import { randomToken } from '@olympus/crypto';
import type { IdentityContext } from '../../context.ts';
import type { SelfServiceFlow } from '../../flows/flow.ts';
import { messages } from '../../ui/messages.ts';
import { FlowValidationError, type StrategyRedirect } from '../strategy.ts';
import { appleWantsFormPost } from './apple.ts';
import { sealContinuity, type Continuity } from './continuity.ts';
import { providerEndpoints, type ProviderEndpoints } from './discovery.ts';
import { keepNativeContinuity, nativeState } from './native-continuity.ts';
import { hasOpenExchange } from '../../flows/token-exchange/complete.ts';
import { callbackUrl, oidcProvider, type OidcProvider } from './providers.ts';

/** Kratos' defaults per kind: GitHub's scopes for the profile and the addresses; Apple's two scopes. */
const DEFAULT_SCOPES: Record<string, string[]> = { github: ['read:user', 'user:email'], apple: ['email', 'name'] };
const DEFAULT_SCOPE = ['email', 'profile'];

/** The scope sent: `openid` first for OpenID Connect providers; GitHub is OAuth2 only. */
export const scopeOf = (provider: OidcProvider): string[] => {
  const configured = provider.config.scope ?? DEFAULT_SCOPES[provider.config.provider] ?? DEFAULT_SCOPE;
  return provider.config.provider === 'github' ? configured : ['openid', ...configured.filter((s) => s !== 'openid')];
};

/** `auto`: only where the provider announces S256 (some refuse an unknown parameter); `force`: always. */
export const usesPkce = (provider: OidcProvider, endpoints: ProviderEndpoints): boolean => {
  const mode = provider.config.pkce ?? 'auto';
  return mode === 'force' || (mode === 'auto' && endpoints.pkceMethods.includes('S256'));
};

export const authorizationUrl = (ctx: IdentityContext, provider: OidcProvider, endpoints: ProviderEndpoints, secrets: { state: string; nonce: string; verifier?: string }): string => {
  const url = new URL(endpoints.authorization);
  const scope = scopeOf(provider);
  url.searchParams.set('client_id', provider.config.clientId);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('redirect_uri', callbackUrl(ctx.config, provider.id));
  url.searchParams.set('scope', scope.join(' '));
  url.searchParams.set('state', secrets.state);
  url.searchParams.set('nonce', secrets.nonce);
  if (secrets.verifier !== undefined) {
    url.searchParams.set('code_challenge', createHash('sha256').update(secrets.verifier).digest('base64url'));
    url.searchParams.set('code_challenge_method', 'S256');
  }
  // Apple sends name and email only with form_post (its callback arrives as a POST).
  if (provider.config.provider === 'apple' && appleWantsFormPost(scope)) url.searchParams.set('response_mode', 'form_post');
  if (provider.config.requestedClaims !== undefined) url.searchParams.set('claims', JSON.stringify(provider.config.requestedClaims));
  return url.href;
};

/** Where the browser goes next for `provider`, and the continuity cookie, bound to `flow`, it takes along. */
export const startRoundTrip = async (ctx: IdentityContext, flow: SelfServiceFlow, provider: OidcProvider): Promise<StrategyRedirect> => {
  const endpoints = await providerEndpoints(ctx, provider);
  // A native app's flow keeps the record itself: the system browser that comes back has no cookie of the app's (native-continuity.ts).
  const native = await hasOpenExchange(ctx, flow);
  const secrets = { state: native ? nativeState(ctx, flow) : randomToken(), nonce: randomToken(), ...(usesPkce(provider, endpoints) ? { verifier: randomToken() } : {}) };
  const flowKind = flow.kind === 'registration' || flow.kind === 'settings' ? flow.kind : 'login';
  const record: Continuity = { flowId: flow.id, flowKind, provider: provider.id, ...secrets, expiresAt: flow.expiresAt };
  if (native) await keepNativeContinuity(ctx, flow, record);
  ctx.log.info({ flow_id: flow.id, flow_kind: flowKind, provider: provider.id, pkce: secrets.verifier !== undefined, native, trace_id: flow.internal.traceId }, 'sign-in sent to the provider');
  return { to: authorizationUrl(ctx, provider, endpoints, secrets), continuity: native ? '' : sealContinuity(ctx, record), continuityExpiresAt: flow.expiresAt };
};

/** A login or registration flow's provider button (`provider=<id>`). */
export const startOidc = async (ctx: IdentityContext, flow: SelfServiceFlow, body: Record<string, unknown>): Promise<StrategyRedirect> => {
  const provider = oidcProvider(ctx.config, body.provider);
  if (provider === undefined) throw new FlowValidationError([messages.generic(`No sign-in provider "${String(body.provider ?? '')}" is configured.`)]);
  return startRoundTrip(ctx, flow, provider);
};

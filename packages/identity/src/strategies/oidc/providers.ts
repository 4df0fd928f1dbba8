/**
 * The configured OpenID Connect providers (selfservice.methods.oidc), as the flows see them: an id, the
 * label of its button and where its issuer is. `google` is a generic provider with Google's issuer
 * (Google's discovery document, https://accounts.google.com/.well-known/openid-configuration).
 */
import type { OidcProviderConfig, OlympusConfig } from '@olympus/config';

export const GOOGLE_ISSUER = 'https://accounts.google.com';

export interface OidcProvider {
  id: string;
  label: string;
  issuer: string;
  config: OidcProviderConfig;
}

const LABELS: Record<string, string> = { google: 'Google', github: 'GitHub', microsoft: 'Microsoft', gitlab: 'GitLab', apple: 'Apple' };

const providerOf = (config: OidcProviderConfig): OidcProvider => ({
  id: config.id,
  label: config.label ?? LABELS[config.provider] ?? config.id,
  issuer: (config.issuerUrl ?? (config.provider === 'google' ? GOOGLE_ISSUER : '')).replace(/\/+$/, ''),
  config,
});

/** The providers a flow offers; none unless the method is enabled. */
export const oidcProviders = (config: OlympusConfig): OidcProvider[] => {
  const { enabled, config: { providers } } = config.selfservice.methods.oidc;
  return enabled ? providers.map(providerOf) : [];
};

export const oidcProvider = (config: OlympusConfig, id: unknown): OidcProvider | undefined =>
  typeof id === 'string' ? oidcProviders(config).find((p) => p.id === id) : undefined;

/** The redirect URI to register at the provider (docs/operations/social-sign-in.md). */
export const callbackUrl = (config: OlympusConfig, providerId: string): string =>
  `${config.serve.public.url}/self-service/methods/oidc/callback/${encodeURIComponent(providerId)}`;

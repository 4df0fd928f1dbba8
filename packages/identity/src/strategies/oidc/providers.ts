/**
 * The configured OpenID Connect providers (selfservice.methods.oidc), as the flows see them: an id, the
 * label of its button, where its issuer is and what its kind needs. `google` and `gitlab` are generic
 * providers with a known issuer; `microsoft` has one issuer per Azure tenant (microsoft.ts); `apple`
 * has fixed endpoints and a form_post callback (apple.ts); `github` is OAuth2 only (github.ts).
 */
import type { OidcProviderConfig, OlympusConfig } from '@olympus/config';

export const GOOGLE_ISSUER = 'https://accounts.google.com';
export const GITLAB_ISSUER = 'https://gitlab.com';
export const APPLE_ISSUER = 'https://appleid.apple.com';
export const MICROSOFT_LOGIN = 'https://login.microsoftonline.com';

export interface OidcProvider {
  id: string;
  label: string;
  /** The issuer whose discovery document is read; '' for an OAuth2-only provider (github). */
  issuer: string;
  /** Where the browser is sent to sign in (Hera's CSP allows its origin as a form's redirect). */
  signInUrl: string;
  config: OidcProviderConfig;
}

const LABELS: Record<string, string> = { google: 'Google', github: 'GitHub', microsoft: 'Microsoft', gitlab: 'GitLab', apple: 'Apple' };

const issuerOf = (config: OidcProviderConfig): string => {
  switch (config.provider) {
    case 'google': return config.issuerUrl ?? GOOGLE_ISSUER;
    case 'gitlab': return config.issuerUrl ?? GITLAB_ISSUER;
    case 'apple': return APPLE_ISSUER;
    // The tenant's own discovery document (Microsoft identity platform, "OpenID Connect on the Microsoft identity platform").
    case 'microsoft': return `${MICROSOFT_LOGIN}/${config.microsoftTenant ?? 'common'}/v2.0`;
    case 'github': return '';
    default: return config.issuerUrl ?? '';
  }
};

const SIGN_IN_HOSTS: Record<string, string> = { github: 'https://github.com', apple: APPLE_ISSUER, microsoft: MICROSOFT_LOGIN };

const providerOf = (config: OidcProviderConfig): OidcProvider => {
  const issuer = issuerOf(config).replace(/\/+$/, '');
  return {
    id: config.id,
    label: config.label ?? LABELS[config.provider] ?? config.id,
    issuer,
    signInUrl: config.authUrl ?? SIGN_IN_HOSTS[config.provider] ?? issuer,
    config,
  };
};

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

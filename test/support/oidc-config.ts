/**
 * Social sign-in in a test server's config (docs/operations/social-sign-in.md): the fake provider of
 * fake-oidc-provider.ts as a `generic` provider entry, a config change turning the `oidc` method on with
 * a list of providers, and the browser's return from the provider to Olympus' callback.
 */
import type { OidcProviderConfig, OlympusConfig } from '@olympus/config';
import type { Browser } from './browser.ts';
import type { FakeProvider } from './fake-oidc-provider.ts';

/** The fields that point a `generic` provider at the fake provider. */
export const genericFake = (provider: FakeProvider) =>
  ({ provider: 'generic' as const, clientId: provider.clientId, clientSecret: provider.clientSecret, issuerUrl: provider.issuer });

/** `startTestServer`'s config change: the `oidc` method on with these providers (and other self-service keys). */
export const withOidcProviders = (providers: OidcProviderConfig[], selfservice: Partial<OlympusConfig['selfservice']> = {}) =>
  (c: OlympusConfig): OlympusConfig => ({
    ...c,
    selfservice: { ...c.selfservice, ...selfservice, methods: { ...c.selfservice.methods, oidc: { enabled: true, config: { providers } } } },
  });

/** The provider's redirect back to Olympus for the authorization request at `location` (its nonce remembered first). */
export const backFromProvider = (browser: Browser, publicUrl: string, provider: FakeProvider, providerId: string, location: string) => {
  const to = new URL(location);
  provider.rememberNonce(to.searchParams.get('nonce')!);
  return browser.request(`${publicUrl}/self-service/methods/oidc/callback/${providerId}?${new URLSearchParams({ code: 'c', state: to.searchParams.get('state')! })}`);
};

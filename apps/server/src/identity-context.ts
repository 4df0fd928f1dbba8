import type { IdentityContext, IdentityStorage, OAuth2Port } from '@olympus/identity';
import { createProviderHttp, loginRequestWire } from '@olympus/http';
import { acceptLoginRequest, getLoginRequest, type OAuth2Context } from '@olympus/oauth2';

/** The identity server's narrow view of the OAuth2 server (OAuth2Port in @olympus/identity). */
const oauth2PortOf = (oauth2: OAuth2Context): OAuth2Port => ({
  getLoginRequest: async (challenge) => {
    const request = await getLoginRequest(oauth2, challenge);
    return { request, hydraJson: loginRequestWire(request) };
  },
  acceptLoginRequest: (challenge, input) => acceptLoginRequest(oauth2, challenge, input),
  claimOnce: (namespace, key, expiresAt) => oauth2.storage.jtis.consumeJti(namespace, key, expiresAt),
});

/**
 * The identity server's context, next to the OAuth2 one: same config, clock, logger and secrets
 * (so keyed hashes and sealed values match across both), plus the identity storage and the OAuth2
 * port, through which a login flow with a login_challenge accepts that OAuth2 login request.
 */
export const buildIdentityContext = (oauth2: OAuth2Context, storage: IdentityStorage): IdentityContext => ({
  config: oauth2.config,
  storage,
  hasher: oauth2.hasher,
  sealer: oauth2.sealer,
  log: oauth2.log,
  now: oauth2.now,
  oauth2: oauth2PortOf(oauth2),
  // Social sign-in reaches providers through the same SSRF guard as a client's jwks_uri (clients.http.*).
  providerHttp: createProviderHttp(oauth2.config),
  ...(oauth2.trace === undefined ? {} : { trace: oauth2.trace }),
});

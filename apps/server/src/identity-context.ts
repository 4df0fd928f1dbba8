import type { IdentityContext, IdentityStorage } from '@olympus/identity';
import type { OAuth2Context } from '@olympus/oauth2';

/**
 * The identity server's context, next to the OAuth2 one: same config, clock, logger and secrets
 * (so keyed hashes and sealed values match across both), plus the identity storage. The OAuth2
 * context is there because a login flow with a login_challenge accepts that OAuth2 login request.
 */
export const buildIdentityContext = (oauth2: OAuth2Context, storage: IdentityStorage): IdentityContext => ({
  config: oauth2.config,
  storage,
  hasher: oauth2.hasher,
  sealer: oauth2.sealer,
  log: oauth2.log,
  now: oauth2.now,
  oauth2,
});

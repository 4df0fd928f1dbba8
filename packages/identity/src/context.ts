/**
 * What every identity-server operation receives; built once by apps/server next to the OAuth2
 * context (whose login requests the identity server accepts after a login with a login_challenge).
 */
import type { OlympusConfig } from '@olympus/config';
import type { KeyedHasher, Sealer } from '@olympus/crypto';
import type { Logger, OAuth2Context } from '@olympus/oauth2';
import type { IdentityStorage } from './ports.ts';

export interface IdentityContext {
  config: OlympusConfig;
  storage: IdentityStorage;
  hasher: KeyedHasher;
  sealer: Sealer;
  log: Logger;
  now: () => number;
  oauth2: OAuth2Context;
}

import type { OlympusConfig } from '@olympus/config';
import { KeyedHasher, Sealer } from '@olympus/crypto';
import { createJwksFetcher } from '@olympus/http';
import { ClientService, KeyRing, type Logger, type OAuth2Context } from '@olympus/oauth2';
import type { OAuth2Storage } from '@olympus/oauth2';

/** Keys are published this long before they sign, and kept this long after they stop. */
const KEY_PUBLISH_AHEAD_MS = 60 * 60 * 1000;

/** Wires config, storage and crypto into the one context every core operation receives. */
export const buildContext = (config: OlympusConfig, storage: OAuth2Storage, log: Logger, now: () => number = Date.now): OAuth2Context => {
  const hasher = new KeyedHasher(config.secrets.system);
  const sealer = new Sealer(config.secrets.system);
  const clients = new ClientService({ store: storage.clients, hasher, dev: config.dev, now });
  const keys = new KeyRing({
    store: storage.keys,
    sealer,
    idTokenAlg: config.oauth2.idTokenSigningAlg,
    publishAhead: KEY_PUBLISH_AHEAD_MS,
    retainAfterRetire: Math.max(config.ttl.idToken, config.ttl.accessToken),
    now,
  });
  // Outbound HTTP lives outside the core: private_key_jwt fetches a client's jwks_uri through this (SSRF-guarded).
  const fetchJwks = createJwksFetcher(config);
  return { config, storage, hasher, sealer, keys, clients, log, now, fetchJwks };
};

/**
 * What every identity-server operation receives; built once by apps/server next to the OAuth2
 * context (whose login requests the identity server accepts after a login with a login_challenge).
 */
import type { OlympusConfig } from '@olympus/config';
import type { KeyedHasher, Sealer } from '@olympus/crypto';
import type { Logger, TracePort } from '@olympus/oauth2';
import type { IdentityStorage, OAuth2Port } from './ports.ts';
import type { IdentityMetrics } from './metrics-port.ts';
import type { ProviderHttpPort } from './strategies/oidc/port.ts';

export interface IdentityContext {
  config: OlympusConfig;
  storage: IdentityStorage;
  hasher: KeyedHasher;
  sealer: Sealer;
  log: Logger;
  now: () => number;
  /** The little the identity server needs of the OAuth2 server (ports.ts), not its whole context. */
  oauth2: OAuth2Port;
  /** The flow tracer's narrow port, the same as the OAuth2 context's; absent when tracing is off. */
  trace?: TracePort;
  /** Outbound HTTP to OpenID Connect providers (strategies/oidc/port.ts); absent: social sign-in cannot run. */
  providerHttp?: ProviderHttpPort;
  /** The operator's counters (metrics-port.ts, docs/operations/observability.md); absent in tests that need none. */
  metrics?: IdentityMetrics;
}

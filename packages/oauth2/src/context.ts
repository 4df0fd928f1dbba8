/**
 * What every core operation receives: configuration, storage ports, crypto and services.
 * Built once by the composition root (apps/server); core code never reaches for globals.
 */
import type { OlympusConfig } from '@olympus/config';
import type { KeyedHasher, Sealer } from '@olympus/crypto';
import type { JSONWebKeySet, JWK, CryptoKey as JoseKey, KeyObject } from 'jose';
import type { OAuth2Client, StoredClient } from './clients/client.ts';
import type { ClientListQuery, ClientListResult, IssuedClient } from './clients/api.ts';
import type { ClientSecrets, RotationWindow } from './clients/rotation.ts';
import type { Logger } from './logger.ts';
import type { OAuth2Storage } from './ports.ts';
import type { TraceNote, TraceStop } from '@olympus/trace';
import type { OAuth2Metrics } from './metrics-port.ts';

export type SigningKey = { kid: string; alg: string; key: JoseKey | KeyObject };

/** Body of POST /admin/keys/{set} (Hydra's createJsonWebKeySet): `{alg, kid?, use}`, checked by the key ring. */
export interface CreateKeyRequest {
  alg?: unknown;
  kid?: unknown;
  use?: unknown;
}

/**
 * The admin operations behind /admin/keys (Hydra's JWK API). Keys are returned with public parts
 * only, except that createKey shows the private part once for sets other than the two defaults.
 * Unknown sets and keys throw NotFound; bad input throws InvalidRequest.
 */
export interface KeyAdminApi {
  listKeySet(set: string): Promise<JWK[]>;
  getKey(set: string, kid: string): Promise<JWK>;
  createKey(set: string, body: CreateKeyRequest): Promise<JWK>;
  /** Replaces the whole set with the given JWK Set (`{keys: [...]}`). */
  importKeySet(set: string, body: unknown): Promise<JWK[]>;
  /** Adds or replaces one key with the given JWK. */
  importKey(set: string, kid: string, body: unknown): Promise<JWK>;
  deleteKey(set: string, kid: string): Promise<void>;
  deleteKeySet(set: string): Promise<void>;
}

/** Signing keys and the published JWKS (packages/oauth2/src/keys). */
export interface KeyRingApi extends KeyAdminApi {
  /** Creates the default key sets on first start. */
  ensureDefaultKeys(): Promise<void>;
  /** The key that signs now for the set: the newest active key. */
  signingKey(set: string): Promise<SigningKey>;
  /** The JWKS published at /.well-known/jwks.json: public keys about to sign, signing, or still verifying. */
  publicJwks(): Promise<{ keys: JWK[] }>;
  /** Verification keys (public) of a set, for id_token_hint and JWT access tokens. */
  verificationKeys(set: string): Promise<JWK[]>;
  /** Drops cached keys, after an admin change. */
  invalidate(): void;
}

export const KEY_SETS = { idToken: 'hydra.openid.id-token', accessToken: 'hydra.jwt.access-token' } as const;

/** Client management (packages/oauth2/src/clients). */
export interface ClientServiceApi {
  get(id: string): Promise<StoredClient | undefined>;
  /** True when `secret` matches the current or a rotated secret of the client (constant time). */
  verifySecret(stored: StoredClient, secret: string): boolean;
  /** Admin API (clients/service.ts): validation errors are InvalidClientMetadata / InvalidRedirectUri. */
  create(input: unknown): Promise<{ client: IssuedClient }>;
  replace(id: string, input: unknown): Promise<{ client: IssuedClient }>;
  /** RFC 6902 JSON Patch operations. */
  patch(id: string, operations: unknown): Promise<{ client: IssuedClient }>;
  delete(id: string): Promise<void>;
  list(query: ClientListQuery): Promise<ClientListResult>;
  /** The replaced secrets stay accepted within `window` (clients/rotation.ts), or until deleteRotatedSecrets. */
  rotateSecret(id: string, window?: RotationWindow): Promise<{ client: IssuedClient }>;
  deleteRotatedSecrets(id: string): Promise<void>;
  /** Whether the client has a secret and when its rotated ones stop being accepted (for Athena; no hashes). */
  secrets(id: string): Promise<ClientSecrets>;
}

/**
 * Fetches the JWK Set at a client's jwks_uri (RFC 7591 §2) for private_key_jwt. It does network I/O,
 * so the composition root injects it, with the SSRF guard, timeout and size cap (clients.http).
 * It rejects with JwksUnavailable (client-auth/remote-jwks.ts) naming the cause; it does not cache.
 */
export type FetchJwks = (uri: string) => Promise<JSONWebKeySet>;

/** The stops of a login the flow tracer knows: @olympus/trace's fixed taxonomy (docs/operations/tracing.md). */
export type TraceStopName = TraceStop;

/**
 * What a core reports about one stop of a login: the decision, the ids it knows and the evidence an
 * explanation needs. The composition root stamps, redacts and records it off the request path, so a
 * report costs the core one function call and never a write. It is @olympus/trace's note, unchanged.
 */
export type TraceReport = TraceNote;

export type TracePort = (report: TraceReport) => void;

export interface OAuth2Context {
  config: OlympusConfig;
  storage: OAuth2Storage;
  hasher: KeyedHasher;
  sealer: Sealer;
  keys: KeyRingApi;
  clients: ClientServiceApi;
  log: Logger;
  now: () => number;
  fetchJwks: FetchJwks;
  /** The flow tracer (apps/server/src/trace-recorder.ts); absent when `trace.enabled` is off. */
  trace?: TracePort;
  /** The operator's counters (docs/operations/observability.md); absent in tests that need none. */
  metrics?: OAuth2Metrics;
}

export type { OAuth2Client, StoredClient };

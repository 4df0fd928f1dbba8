/**
 * In-memory fakes for the token-side tests (grants, client auth, tokens, revocation, introspection,
 * userinfo): a Map-based TokenStore with the atomic-consume semantics the ports promise, a KeyRing
 * made with jose generateKeyPair, a client service backed by the real secret hashing, and a
 * logger that records lines. The SQL adapters are checked by the storage contract suite.
 */
import { createHash, randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import type { OlympusConfig } from '@olympus/config';
import { KeyedHasher, Sealer } from '@olympus/crypto';
import type {
  AccessTokenRecord,
  AuthenticationSession,
  AuthenticationSessionStore,
  AuthorizationCodeRecord,
  ClientServiceApi,
  Consumed,
  GrantSession,
  JtiStore,
  KeyRingApi,
  Logger,
  OAuth2Client,
  OAuth2Context,
  OAuth2Storage,
  RefreshTokenRecord,
  SigningKey,
  StoredClient,
  TokenStore,
} from '../src/index.ts';
import { mintToken } from '../src/tokens/opaque.ts';
import { clientWithDefaults, type ClientInput } from '../src/clients/defaults.ts';
import { hashSecret, verifySecret } from '../src/clients/secrets.ts';
import { FakeJwksServer } from './jwks-fakes.ts';

export { ISSUER, T0, testConfig } from './test-config.ts';
import { T0, testConfig } from './test-config.ts';

/** Copies on the way in and out, as a database would; every consume is atomic (single-threaded JS). */
export class MemoryTokenStore implements TokenStore {
  readonly codes = new Map<string, AuthorizationCodeRecord>();
  readonly access = new Map<string, AccessTokenRecord>();
  readonly refresh = new Map<string, RefreshTokenRecord>();
  /** Revoked grants stay revoked: a token minted for one afterwards is born revoked (the ports' contract). */
  readonly revokedGrants = new Map<string, number>();
  /** Set to make every call fail, as a lost database connection would. */
  failWith: Error | undefined;

  #check(): void {
    if (this.failWith) throw this.failWith;
  }

  async createAuthorizationCode(code: AuthorizationCodeRecord) {
    this.#check();
    this.codes.set(code.signature, structuredClone(code));
  }
  async consumeAuthorizationCode(signature: string, now: number): Promise<Consumed<AuthorizationCodeRecord>> {
    this.#check();
    const row = this.codes.get(signature);
    if (!row) return { status: 'not_found' };
    if (row.usedAt !== null) return { status: 'already_used', record: structuredClone(row) };
    row.usedAt = now;
    return { status: 'consumed', record: structuredClone(row) };
  }
  async createAccessToken(token: AccessTokenRecord) {
    this.#check();
    this.access.set(token.signature, { ...structuredClone(token), revokedAt: token.revokedAt ?? this.revokedGrants.get(token.session.grantId) ?? null });
  }
  async getAccessToken(signature: string) {
    this.#check();
    const row = this.access.get(signature);
    return row && structuredClone(row);
  }
  async revokeAccessToken(signature: string, now: number) {
    this.#check();
    const row = this.access.get(signature);
    if (row && row.revokedAt === null) row.revokedAt = now;
  }
  async createRefreshToken(token: RefreshTokenRecord) {
    this.#check();
    this.refresh.set(token.signature, { ...structuredClone(token), revokedAt: token.revokedAt ?? this.revokedGrants.get(token.session.grantId) ?? null });
  }
  async getRefreshToken(signature: string) {
    this.#check();
    const row = this.refresh.get(signature);
    return row && structuredClone(row);
  }
  async consumeRefreshToken(signature: string, now: number, graceMs: number): Promise<Consumed<RefreshTokenRecord>> {
    this.#check();
    const row = this.refresh.get(signature);
    if (!row) return { status: 'not_found' };
    const inGrace = graceMs > 0 && row.revokedAt === null && row.usedAt !== null && now - row.usedAt < graceMs;
    if (row.usedAt !== null && !inGrace) return { status: 'already_used', record: structuredClone(row) };
    if (row.revokedAt !== null) return { status: 'already_used', record: structuredClone(row) };
    if (row.usedAt === null) row.usedAt = now;
    return { status: 'consumed', record: structuredClone(row) };
  }
  async revokeRefreshToken(signature: string, now: number) {
    this.#check();
    const row = this.refresh.get(signature);
    if (row && row.revokedAt === null) row.revokedAt = now;
  }
  async revokeGrant(grantId: string, now: number) {
    this.#check();
    if (!this.revokedGrants.has(grantId)) this.revokedGrants.set(grantId, now);
    for (const code of this.codes.values()) if (code.session.grantId === grantId && code.usedAt === null) code.usedAt = now;
    for (const row of [...this.access.values(), ...this.refresh.values()]) {
      if (row.session.grantId === grantId && row.revokedAt === null) row.revokedAt = now;
    }
  }
  async revokeFlows(flowIds: string[], now: number) {
    for (const row of [...this.access.values(), ...this.refresh.values()]) {
      if (flowIds.includes(row.session.flowId) && row.revokedAt === null) row.revokedAt = now;
    }
  }
  async revokeAccessTokensOfClient(clientId: string, now: number) {
    for (const row of this.access.values()) if (row.session.clientId === clientId && row.revokedAt === null) row.revokedAt = now;
  }
}

export class MemoryAuthSessions implements AuthenticationSessionStore {
  readonly rows = new Map<string, AuthenticationSession>();
  async createAuthenticationSession(session: AuthenticationSession) {
    this.rows.set(session.id, structuredClone(session));
  }
  async getAuthenticationSession(id: string) {
    const row = this.rows.get(id);
    return row && structuredClone(row);
  }
  async updateAuthenticationSession(session: AuthenticationSession) {
    this.rows.set(session.id, structuredClone(session));
  }
  async revokeAuthenticationSession(id: string, now: number) {
    const row = this.rows.get(id);
    if (row) row.revokedAt = now;
    return row && structuredClone(row);
  }
  async revokeAuthenticationSessionsOfSubject(subject: string, now: number) {
    const rows = [...this.rows.values()].filter((r) => r.subject === subject);
    for (const row of rows) row.revokedAt = now;
    return rows.map((r) => structuredClone(r));
  }
}

export class MemoryJtis implements JtiStore {
  readonly seen = new Map<string, number>();
  async consumeJti(clientId: string, jti: string, expiresAt: number) {
    const key = `${clientId}\u0000${jti}`;
    if (this.seen.has(key)) return false;
    this.seen.set(key, expiresAt);
    return true;
  }
}

/** One signing key per set, generated with jose; `alg` decides RS256 or ES256. */
export class FakeKeyRing implements Pick<KeyRingApi, 'ensureDefaultKeys' | 'signingKey' | 'publicJwks' | 'verificationKeys' | 'invalidate'> {
  readonly #keys = new Map<string, { signing: SigningKey; publicJwk: JWK }>();

  static readonly #made = new Map<string, Promise<FakeKeyRing>>();

  /** One ring per alg for the whole test file: key generation is the slow part. */
  static create(alg: 'RS256' | 'ES256' = 'RS256'): Promise<FakeKeyRing> {
    let ring = FakeKeyRing.#made.get(alg);
    if (!ring) FakeKeyRing.#made.set(alg, (ring = FakeKeyRing.#generate(alg)));
    return ring;
  }

  static async #generate(alg: 'RS256' | 'ES256'): Promise<FakeKeyRing> {
    const ring = new FakeKeyRing();
    for (const set of ['hydra.openid.id-token', 'hydra.jwt.access-token']) {
      const { privateKey, publicKey } = await generateKeyPair(alg);
      const kid = `${set}-${randomUUID()}`;
      ring.#keys.set(set, { signing: { kid, alg, key: privateKey }, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } });
    }
    return ring;
  }
  async ensureDefaultKeys() {}
  async signingKey(set: string) {
    const entry = this.#keys.get(set);
    if (!entry) throw new Error(`no key set ${set}`);
    return entry.signing;
  }
  async publicJwks() {
    return { keys: [...this.#keys.values()].map((k) => k.publicJwk) };
  }
  async verificationKeys(set: string) {
    const entry = this.#keys.get(set);
    return entry ? [entry.publicJwk] : [];
  }
  invalidate() {}
}

/** get and verifySecret as the real ClientService does them; the admin verbs are not needed here. */
export class FakeClients implements Pick<ClientServiceApi, 'get' | 'verifySecret'> {
  readonly rows = new Map<string, StoredClient>();
  readonly #hasher: KeyedHasher;
  constructor(hasher: KeyedHasher) {
    this.#hasher = hasher;
  }
  add(input: ClientInput, secret?: string): OAuth2Client {
    const client = clientWithDefaults(input, T0);
    this.rows.set(client.client_id, { client, secretHashes: secret ? [hashSecret(this.#hasher, secret)] : [] });
    return client;
  }
  async get(id: string) {
    const row = this.rows.get(id);
    return row && structuredClone(row);
  }
  verifySecret(stored: StoredClient, secret: string) {
    return verifySecret(this.#hasher, stored, secret);
  }
}

export interface LogLine {
  level: string;
  obj: Record<string, unknown>;
  msg: string;
}

export class RecordingLogger implements Logger {
  readonly lines: LogLine[];
  constructor(lines: LogLine[] = []) {
    this.lines = lines;
  }
  #at = (level: string) => (obj: Record<string, unknown> | string, msg?: string) => {
    this.lines.push(typeof obj === 'string' ? { level, obj: {}, msg: obj } : { level, obj, msg: msg ?? '' });
  };
  trace = this.#at('trace');
  debug = this.#at('debug');
  info = this.#at('info');
  warn = this.#at('warn');
  error = this.#at('error');
  child() {
    return this;
  }
}

export interface Harness {
  ctx: OAuth2Context;
  tokens: MemoryTokenStore;
  sessions: MemoryAuthSessions;
  jtis: MemoryJtis;
  clients: FakeClients;
  keys: FakeKeyRing;
  log: RecordingLogger;
  clock: { now: number };
  jwksServer: FakeJwksServer;
}

export const makeHarness = async (
  opts: { oauth2?: Partial<OlympusConfig['oauth2']>; alg?: 'RS256' | 'ES256' } = {},
): Promise<Harness> => {
  const config = testConfig(opts.oauth2);
  const hasher = new KeyedHasher(config.secrets.system);
  const tokens = new MemoryTokenStore();
  const sessions = new MemoryAuthSessions();
  const jtis = new MemoryJtis();
  const clients = new FakeClients(hasher);
  const keys = await FakeKeyRing.create(opts.alg);
  const log = new RecordingLogger();
  const clock = { now: T0 };
  const jwksServer = new FakeJwksServer();
  // Only the stores the token side touches; the others would throw if reached.
  const storage = { tokens, authSessions: sessions, jtis } as unknown as OAuth2Storage;
  const ctx: OAuth2Context = {
    config,
    storage,
    hasher,
    sealer: new Sealer(config.secrets.system),
    // The admin verbs of the key ring and client service are not used by the token side.
    keys: keys as unknown as KeyRingApi,
    clients: clients as unknown as ClientServiceApi,
    log,
    now: () => clock.now,
    fetchJwks: jwksServer.fetch,
  };
  return { ctx, tokens, sessions, jtis, clients, keys, log, clock, jwksServer };
};

export const REDIRECT_URI = 'https://app.example/cb';

/** A verifier of 43+ unreserved characters and its S256 challenge (RFC 7636 §4.1, §4.2). */
export const pkcePair = (): { verifier: string; challenge: string } => {
  const verifier = `${randomUUID()}${randomUUID()}`.replace(/-/g, '').slice(0, 50);
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};

export const grantSession = (clientId: string, overrides: Partial<GrantSession> = {}): GrantSession => ({
  grantId: randomUUID(),
  flowId: randomUUID(),
  clientId,
  subject: 'user-1',
  scope: ['openid', 'offline_access', 'email'],
  audience: ['https://api.example'],
  sessionId: 'sid-1',
  authTime: T0 - 60_000,
  requestedAt: T0 - 90_000,
  acr: 'urn:acr:pwd',
  amr: ['pwd'],
  nonce: 'nonce-123',
  idTokenClaims: { email: 'a@example.com', email_verified: true },
  accessTokenClaims: { tenant: 't1' },
  traceId: 'trace-abc',
  ...overrides,
});

/** What the authorization endpoint stores at the end of a flow; returns the code and its verifier. */
export const seedCode = async (
  h: Harness,
  clientId: string,
  opts: { session?: Partial<GrantSession>; code?: Partial<AuthorizationCodeRecord> } = {},
): Promise<{ code: string; verifier: string; session: GrantSession }> => {
  const { verifier, challenge } = pkcePair();
  const minted = mintToken('code', h.ctx.hasher);
  const session = grantSession(clientId, opts.session);
  await h.ctx.storage.tokens.createAuthorizationCode({
    signature: minted.signature,
    session,
    redirectUri: REDIRECT_URI,
    redirectUriSent: true,
    codeChallenge: challenge,
    codeChallengeMethod: 'S256',
    issuedAt: h.clock.now,
    expiresAt: h.clock.now + h.ctx.config.ttl.authCode,
    usedAt: null,
    ...opts.code,
  });
  await h.ctx.storage.authSessions.createAuthenticationSession({
    id: session.sessionId,
    subject: session.subject,
    authenticatedAt: session.authTime,
    remember: true,
    expiresAt: h.clock.now + h.ctx.config.ttl.authenticationSession,
    identityProviderSessionId: '',
    revokedAt: null,
  });
  return { code: minted.token, verifier, session };
};

export const basic = (id: string, secret: string): string =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

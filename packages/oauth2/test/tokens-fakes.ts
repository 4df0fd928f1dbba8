/**
 * The harness of the token-side tests (grants, client auth, tokens, revocation, introspection,
 * userinfo): the real SQL stores on a migrated SQLite database in memory (the adapters the storage
 * contract suite checks), the real client service over them, a KeyRing made with jose
 * generateKeyPair, a fake jwks_uri server and a logger that records lines.
 */
import { createHash, randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import type { OlympusConfig } from '@olympus/config';
import { KeyedHasher, Sealer } from '@olympus/crypto';
import { createOAuth2Storage, type Db } from '@olympus/storage';
import type {
  AccessTokenRecord,
  AuthenticationSessionStore,
  AuthorizationCodeRecord,
  ClientStore,
  GrantSession,
  JtiStore,
  KeyRingApi,
  Logger,
  OAuth2Client,
  OAuth2Context,
  OAuth2Storage,
  RefreshTokenRecord,
  SigningKey,
  TokenStore,
} from '../src/index.ts';
import { mintToken } from '../src/tokens/opaque.ts';
import { ClientService } from '../src/clients/service.ts';
import { clientWithDefaults, type ClientInput } from '../src/clients/defaults.ts';
import { hashSecret } from '../src/clients/secrets.ts';
import { openMemoryDatabase } from '../../../test/support/memory-database.ts';
import { FakeJwksServer } from './jwks-fakes.ts';

export { ISSUER, T0, testConfig } from './test-config.ts';
import { T0, testConfig } from './test-config.ts';

/** The SQL token store, failing every call while `failWith` is set, as a lost database connection would. */
export type FailableTokenStore = TokenStore & { failWith: Error | undefined };

const failable = (store: TokenStore): FailableTokenStore => {
  const wrapped = { failWith: undefined } as FailableTokenStore;
  for (const [name, method] of Object.entries(store) as Array<[string, (...args: unknown[]) => Promise<unknown>]>) {
    Object.assign(wrapped, {
      [name]: async (...args: unknown[]) => {
        if (wrapped.failWith) throw wrapped.failWith;
        return method(...args);
      },
    });
  }
  return wrapped;
};

/** Every stored access or refresh token, oldest first: what a test reads back to check what was written. */
export interface StoredTokens {
  access(): Promise<AccessTokenRecord[]>;
  refresh(): Promise<RefreshTokenRecord[]>;
}

const storedTokens = (db: Db, tokens: TokenStore): StoredTokens => {
  // rowid is SQLite's insertion order; the memory database of the harness is SQLite.
  const signatures = async (table: string) =>
    (await db.query<{ signature: string }>(`SELECT signature FROM ${table} ORDER BY rowid`)).map((row) => row.signature);
  const present = <T>(rows: Array<T | undefined>): T[] => rows.filter((row) => row !== undefined);
  return {
    access: async () => present(await Promise.all((await signatures('oauth2_access_tokens')).map((s) => tokens.getAccessToken(s)))),
    refresh: async () => present(await Promise.all((await signatures('oauth2_refresh_tokens')).map((s) => tokens.getRefreshToken(s)))),
  };
};

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

/** Clients written straight into the client store (without the admin API's checks), at T0. */
export class TestClients {
  readonly #store: ClientStore;
  readonly #hasher: KeyedHasher;
  constructor(store: ClientStore, hasher: KeyedHasher) {
    this.#store = store;
    this.#hasher = hasher;
  }
  async add(input: ClientInput, secret?: string): Promise<OAuth2Client> {
    const client = clientWithDefaults(input, T0);
    if (!(await this.#store.createClient({ client, secretHashes: secret ? [hashSecret(this.#hasher, secret)] : [] }))) {
      throw new Error(`client ${client.client_id} was added twice`);
    }
    return client;
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
  /** The SQL stores, on a fresh migrated SQLite database in memory. */
  db: Db;
  tokens: FailableTokenStore;
  stored: StoredTokens;
  sessions: AuthenticationSessionStore;
  jtis: JtiStore;
  clients: TestClients;
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
  const db = await openMemoryDatabase();
  const sql = createOAuth2Storage(db);
  const tokens = failable(sql.tokens);
  const keys = await FakeKeyRing.create(opts.alg);
  const log = new RecordingLogger();
  const clock = { now: T0 };
  const jwksServer = new FakeJwksServer();
  const storage: OAuth2Storage = { ...sql, tokens };
  const ctx: OAuth2Context = {
    config,
    storage,
    hasher,
    sealer: new Sealer(config.secrets.system),
    // The admin verbs of the key ring are not used by the token side.
    keys: keys as unknown as KeyRingApi,
    clients: new ClientService({ store: sql.clients, hasher, dev: config.dev, now: () => clock.now }),
    log,
    now: () => clock.now,
    fetchJwks: jwksServer.fetch,
  };
  return {
    ctx, db, tokens, stored: storedTokens(db, sql.tokens), sessions: sql.authSessions, jtis: sql.jtis,
    clients: new TestClients(sql.clients, hasher), keys, log, clock, jwksServer,
  };
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
  // An upsert, as the authorization endpoint does: a test may seed several codes of one login session.
  await h.ctx.storage.authSessions.updateAuthenticationSession({
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

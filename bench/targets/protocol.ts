/**
 * How the parent and a target's child process talk over the IPC channel. The child says when it
 * listens; then, before every autocannon run, the parent asks it for fresh fixtures (credentials,
 * refresh tokens, an access token), so no run depends on what an earlier one consumed or evicted.
 */
export interface Fixtures {
  /** Token endpoint (client credentials and refresh). */
  tokenUrl: string;
  /** Introspection endpoint. */
  introspectUrl: string;
  /** `Basic …` for the token endpoint (client_secret_basic). */
  clientAuth: string;
  /** Authorization header the introspection endpoint needs, if any (oidc-provider authenticates the caller). */
  introspectAuth?: string;
  /** Fresh refresh tokens, each the head of its own rotation chain. */
  refreshTokens: string[];
  /** A fresh active access token to introspect. */
  accessToken: string;
  /** Password login (Olympus only, once its native flows exist): one unused flow per login. */
  login?: LoginFixtures;
  /** The SSO round trip: browsers already signed in, with consent remembered. */
  sso?: SsoFixtures;
}

/** One cookie of a browser's jar, as test/support/browser.ts keeps it. */
export type JarEntry = [name: string, cookie: { value: string; path: string }];

export interface SsoFixtures {
  /** The authorization endpoint with client_id, response_type, redirect_uri and scope; each pass adds state and PKCE. */
  authorizeUrl: string;
  /** Where the last redirect lands (the pass reads the code there and stops following). */
  redirectUri: string;
  tokenUrl: string;
  clientAuth: string;
  /** One signed-in browser's cookie jar per worker. */
  sessions: JarEntry[][];
}

export interface LoginFixtures {
  /** `POST <submitUrl>?flow=<id>` with a JSON password-method body. */
  submitUrl: string;
  /** The bench identities, all with `password`; the first is the bench user. */
  identifiers: string[];
  password: string;
  flowIds: string[];
}

export type ChildMessage =
  | { type: 'ready' }
  | { type: 'failed'; reason: string }
  | { type: 'minted'; id: number; fixtures: Fixtures }
  | { type: 'mint-failed'; id: number; reason: string };

/** What one run needs minted; a target ignores what it cannot serve. */
export interface Wanted {
  refreshTokens: number;
  /** Fresh login flows (password login). */
  loginFlows: number;
  /** Signed-in browsers (the SSO round trip). */
  ssoSessions: number;
}

export interface MintRequest extends Wanted {
  type: 'mint';
  id: number;
}

/** What a target's child provides once it listens. */
export interface StartedTarget {
  mint(wanted: Wanted): Promise<Fixtures>;
  stop(): Promise<void>;
}

/** The DSN the Olympus child serves from (the parent owns the database's lifetime). */
export const OLYMPUS_DSN_ENV = 'BENCH_OLYMPUS_DSN';

/** The SQLite file oidc-provider's durable adapter writes to; without it, its in-memory adapter. */
export const OIDC_SQLITE_ENV = 'BENCH_OIDC_SQLITE';

const send = (message: ChildMessage): Promise<void> =>
  new Promise((resolve, reject) => {
    if (!process.send) return reject(new Error('a bench target runs as a child of bench/run.ts (it needs the IPC channel)'));
    process.send(message, undefined, {}, (error) => (error ? reject(error) : resolve()));
  });

const describeError = (error: unknown): string => (error instanceof Error ? (error.stack ?? error.message) : String(error));

/** Runs the child's start-up, then answers mint requests until SIGTERM or the parent goes away. */
export const runTarget = async (start: () => Promise<StartedTarget>): Promise<void> => {
  let target: StartedTarget;
  try {
    target = await start();
  } catch (error) {
    await send({ type: 'failed', reason: describeError(error) }).catch(() => {});
    process.exit(1);
  }
  const shutdown = (): void => void target.stop().finally(() => process.exit(0));
  process.once('SIGTERM', shutdown);
  process.once('disconnect', shutdown);
  process.on('message', (request: MintRequest) => {
    if (request.type !== 'mint') return;
    target.mint({ refreshTokens: request.refreshTokens, loginFlows: request.loginFlows, ssoSessions: request.ssoSessions }).then(
      (fixtures) => send({ type: 'minted', id: request.id, fixtures }),
      (error: unknown) => send({ type: 'mint-failed', id: request.id, reason: describeError(error) }),
    );
  });
  await send({ type: 'ready' });
};

export const basicAuth = (id: string, secret: string): string =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

export const closeServer = (server: import('node:http').Server): Promise<void> =>
  new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });

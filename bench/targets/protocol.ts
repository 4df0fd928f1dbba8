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
}

export interface LoginFixtures {
  /** `POST <submitUrl>?flow=<id>` with a JSON password-method body. */
  submitUrl: string;
  identifier: string;
  password: string;
  flowIds: string[];
}

export type ChildMessage =
  | { type: 'ready' }
  | { type: 'failed'; reason: string }
  | { type: 'minted'; id: number; fixtures: Fixtures }
  | { type: 'mint-failed'; id: number; reason: string };

export interface MintRequest {
  type: 'mint';
  id: number;
  refreshTokens: number;
  /** Fresh login flows wanted (targets without password login ignore it). */
  loginFlows?: number;
}

/** What a target's child provides once it listens. */
export interface StartedTarget {
  mint(refreshTokens: number, loginFlows: number): Promise<Fixtures>;
  stop(): Promise<void>;
}

/** The DSN the Olympus child serves from (the parent owns the database's lifetime). */
export const OLYMPUS_DSN_ENV = 'BENCH_OLYMPUS_DSN';

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
    target.mint(request.refreshTokens, request.loginFlows ?? 0).then(
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

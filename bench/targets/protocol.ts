/**
 * What a target's child process tells the parent once it listens: where to send each scenario's
 * requests and the credentials and tokens it prepared. Sent once over the IPC channel.
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
  /** One refresh token per chain; more than the connections, see scenarios.ts. */
  refreshTokens: string[];
  /** An active access token to introspect. */
  accessToken: string;
}

export type TargetMessage = { type: 'ready'; fixtures: Fixtures } | { type: 'failed'; reason: string };

/** How many refresh tokens the parent wants (env, since it is known before the child starts). */
export const REFRESH_TOKENS_ENV = 'BENCH_REFRESH_TOKENS';

/** The DSN the Olympus child serves from (the parent owns the database's lifetime). */
export const OLYMPUS_DSN_ENV = 'BENCH_OLYMPUS_DSN';

export const wantedRefreshTokens = (): number => Number(process.env[REFRESH_TOKENS_ENV] ?? '0');

/** A child announces its fixtures, or why it could not start, and then waits for SIGTERM. */
export const announce = (message: TargetMessage): Promise<void> =>
  new Promise((resolve, reject) => {
    if (!process.send) return reject(new Error('a bench target runs as a child of bench/run.ts (it needs the IPC channel)'));
    process.send(message, undefined, {}, (error) => (error ? reject(error) : resolve()));
  });

/** Runs the child's start-up; a failure is reported to the parent and ends the process. */
export const runTarget = async (start: () => Promise<{ fixtures: Fixtures; stop: () => Promise<void> }>): Promise<void> => {
  try {
    const { fixtures, stop } = await start();
    const shutdown = (): void => void stop().finally(() => process.exit(0));
    process.once('SIGTERM', shutdown);
    process.once('disconnect', shutdown);
    await announce({ type: 'ready', fixtures });
  } catch (error) {
    await announce({ type: 'failed', reason: error instanceof Error ? (error.stack ?? error.message) : String(error) }).catch(() => {});
    process.exit(1);
  }
};

export const basicAuth = (id: string, secret: string): string =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

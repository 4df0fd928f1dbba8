/**
 * The part of `@olympus/server` the CLI calls. It is imported lazily, so client verbs start
 * without loading the server, its database drivers and Fastify. The import specifier is a
 * variable on purpose: the CLI type-checks and runs its client verbs even where the server
 * package is absent (a client-only install); this interface mirrors apps/server/src/index.ts.
 */
export interface RunningServer {
  close(): Promise<void>;
}

export interface ServerModule {
  serve(opts: { dev: boolean; configPath?: string }): Promise<RunningServer>;
  migrateCommand(opts: { action: 'up' | 'status'; configPath?: string; dsn?: string; dev: boolean }): Promise<string>;
}

const SERVER_PACKAGE = '@olympus/server';

export const importServer = async (): Promise<ServerModule> => (await import(SERVER_PACKAGE)) as ServerModule;

/**
 * The part of `@olympus/server` the CLI calls (apps/server/src/index.ts). It is imported lazily,
 * so client verbs start without loading the server, its database drivers and Fastify. Tests pass
 * a fake of this interface through `Io.loadServer`.
 */
export interface RunningServer {
  close(): Promise<void>;
}

/** apps/server/src/janitor.ts's options, one definition for both sides. */
export type { JanitorCommandOptions } from '@olympus/server';
import type { JanitorCommandOptions } from '@olympus/server';

export interface ServerModule {
  serve(opts: { dev: boolean; configPath?: string }): Promise<RunningServer>;
  migrateCommand(opts: { action: 'up' | 'status'; configPath?: string; dsn?: string; dev: boolean }): Promise<string>;
  janitorCommand(opts: JanitorCommandOptions): Promise<string>;
}

export const importServer = async (): Promise<ServerModule> => {
  const server: ServerModule = await import('@olympus/server');
  return server;
};

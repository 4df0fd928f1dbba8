/**
 * A real Olympus on real loopback ports, on a fresh SQLite or PostgreSQL database, with its JSON
 * log lines captured so tests can follow a flow's trace_id.
 */
import { createServer } from 'node:net';
import { defaultDevConfig, type OlympusConfig } from '@olympus/config';
import { createLogger, startServer, type RunningServer } from '@olympus/server';
import { freshDsn, type DatabaseKind } from './databases.ts';

export interface TestServer {
  publicUrl: string;
  adminUrl: string;
  server: RunningServer;
  config: OlympusConfig;
  logs: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });

/** Ports are picked, then bound by the server: another process may take one in between. */
const isPortTaken = (err: unknown): boolean => (err as NodeJS.ErrnoException | undefined)?.code === 'EADDRINUSE';

export const startTestServer = async (
  kind: DatabaseKind,
  customize: (config: OlympusConfig) => OlympusConfig = (c) => c,
): Promise<TestServer> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnFreePorts(kind, customize);
    } catch (err) {
      if (!isPortTaken(err) || attempt === 5) throw err;
    }
  }
};

const startOnFreePorts = async (kind: DatabaseKind, customize: (config: OlympusConfig) => OlympusConfig): Promise<TestServer> => {
  const [publicPort, adminPort] = [await freePort(), await freePort()];
  const publicUrl = `http://127.0.0.1:${publicPort}`;
  const adminUrl = `http://127.0.0.1:${adminPort}`;
  const config = customize({
    ...defaultDevConfig(process.cwd(), { publicUrl, adminUrl, dsn: await freshDsn(kind) }),
    log: { level: 'debug' },
  });
  const logs: Array<Record<string, unknown>> = [];
  const logger = createLogger(config, { write: (line: string) => void logs.push(JSON.parse(line)) });
  const server = await startServer(config, { logger });
  return { publicUrl, adminUrl, server, config, logs, close: () => server.close() };
};

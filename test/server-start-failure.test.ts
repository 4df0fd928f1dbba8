/**
 * A node that cannot start stops what it had started: when the admin port is taken, startServer
 * rejects with the listen error and the public origin it had bound is released, so a supervisor (or
 * a test retrying on other ports) can start it again. On SQLite and PostgreSQL.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { describe, test } from 'node:test';
import { defaultDevConfig } from '@olympus/config';
import { createLogger, startServer } from '@olympus/server';
import { freshDsn } from './support/databases.ts';
import { freePort } from './support/server.ts';

const listen = (port: number): Promise<Server> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`a server that cannot bind its admin port (${kind})`, () => {
    test('rejects with EADDRINUSE and releases the public port it had bound', async () => {
      const [publicPort, adminPort] = [await freePort(), await freePort()];
      const squatter = await listen(adminPort);
      try {
        const config = {
          ...defaultDevConfig(process.cwd(), { publicUrl: `http://127.0.0.1:${publicPort}`, adminUrl: `http://127.0.0.1:${adminPort}`, dsn: await freshDsn(kind) }),
          log: { level: 'silent' as const },
        };
        await assert.rejects(startServer(config, { logger: createLogger(config) }), { code: 'EADDRINUSE' });
        const again = await listen(publicPort);
        await new Promise((resolve) => again.close(resolve));
      } finally {
        await new Promise((resolve) => squatter.close(resolve));
      }
    });
  });
}

import type { RegisterRoutes } from './deps.ts';

/** Liveness, readiness (database reachable) and version, on both origins like Hydra's. */
export const registerHealthRoutes: RegisterRoutes = (app, deps) => {
  app.get('/health/alive', async () => ({ status: 'ok' }));
  app.get('/health/ready', async (_req, reply) => {
    if (await deps.isReady().catch(() => false)) return { status: 'ok' };
    return reply.code(503).send({ errors: { database: 'The database is not reachable.' } });
  });
  app.get('/version', async () => ({ version: deps.version }));
};

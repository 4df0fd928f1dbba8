import type { RegisterRoutes } from './deps.ts';
import { healthSchemas as schemas } from './health.schema.ts';

/**
 * Liveness, readiness and version, on both origins like Hydra's. Ready means this node can serve:
 * the database answers, no migration this build needs is pending, and the node is not draining for
 * a shutdown (docs/operations/observability.md). A load balancer takes a 503 node out of rotation.
 */
export const registerHealthRoutes: RegisterRoutes = (app, deps) => {
  app.get('/health/alive', { schema: schemas.alive }, async () => ({ status: 'ok' }));
  app.get('/health/ready', { schema: schemas.ready }, async (_req, reply) => {
    const ready = await deps.isReady().catch(() => false as const);
    if (ready === true) return { status: 'ok' };
    const errors = ready === false ? { database: 'The database is not reachable.' } : ready;
    return reply.code(503).header('cache-control', 'no-store').send({ errors });
  });
  app.get('/version', { schema: schemas.version }, async () => ({ version: deps.version }));
};

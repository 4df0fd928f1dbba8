import type { FastifyInstance } from 'fastify';
import type { Logger as PinoLogger } from 'pino';
import type { OlympusConfig } from '@olympus/config';
import { buildAdminApp, buildPublicApp, withRequestId } from '@olympus/http';
import { heraRoutes } from '@olympus/hera';
import { startCourierWorker, type IdentityContext } from '@olympus/identity';
import type { OAuth2Context } from '@olympus/oauth2';
import { courierQueueDepth, createAuditStore, createIdentityStorage, createOAuth2Storage, createTraceStore, migrate, migrationStatus, openDatabase, type Db } from '@olympus/storage';
import { buildContext } from './context.ts';
import { buildIdentityContext } from './identity-context.ts';
import { createLogger, traceLogsOf } from './logger.ts';
import { startObservability } from './observability.ts';
import { createReadiness } from './readiness.ts';
import { startTraceRecorder, type TraceRecorder } from './trace-recorder.ts';
import { VERSION } from './version.ts';

export interface RunningServer {
  ctx: OAuth2Context;
  identity: IdentityContext;
  db: Db;
  publicApp: FastifyInstance;
  adminApp: FastifyInstance;
  /** The flow tracer's writer; absent when `trace.enabled` is off. */
  traces?: TraceRecorder;
  /** /health/ready answers 503 `{errors: {node: 'shutting down'}}` from now on (readiness.ts); for the shutdown to call first. */
  setDraining(): void;
  close(): Promise<void>;
}

export interface ServerOptions {
  logger?: PinoLogger;
  /** Apply pending migrations on start (dev mode always does). */
  migrate?: boolean;
}

/**
 * Opens storage, makes sure the schema and the signing keys exist, and starts both origins.
 * Every node is stateless: several can run against one PostgreSQL.
 */
export const startServer = async (config: OlympusConfig, opts: ServerOptions = {}): Promise<RunningServer> => {
  const logger = opts.logger ?? createLogger(config);
  const observed = await startObservability(logger, VERSION);
  const db = await openDatabase(config.dsn, observed.metrics.db).catch(async (err: unknown) => {
    await observed.close();
    throw err;
  });
  // What has started so far, stopped again when a later step fails (a port taken, a bad client).
  const started: Array<{ close(): Promise<unknown> }> = [];
  try {
    await prepareSchema(db, config.dev || opts.migrate === true);
    const traceStore = createTraceStore(db);
    const traces = config.trace.enabled ? startTraceRecorder(traceStore, logger) : undefined;
    if (traces !== undefined) started.push(traces);
    const ctx = {
      ...buildContext(config, createOAuth2Storage(db), logger), metrics: observed.metrics.oauth2,
      ...(traces === undefined ? {} : { trace: withRequestId(observed.traceInto(traces.record)) }),
    };
    await ctx.keys.ensureDefaultKeys();
    const identity = { ...buildIdentityContext(ctx, createIdentityStorage(db)), metrics: observed.metrics.identity };
    observed.metrics.watchCourier(() => courierQueueDepth(db));
    const readiness = createReadiness(db);
    // Athena's Home: login submissions signed in and refused (the tracer's stop 4), and the newest refusals.
    const traceReads = {
      signIns: async (since: number) => {
        const [ok, refused] = await Promise.all([
          traceStore.count({ stop: 'login_submitted', outcome: 'ok', since }),
          traceStore.count({ stop: 'login_submitted', outcome: 'refused', since }),
        ]);
        return { ok, refused };
      },
      newestRefusals: (limit: number) => traceStore.listRecent({ outcome: 'refused', limit }),
    };
    const deps = {
      ctx, identity, audit: createAuditStore(db), traceEvents: traceStore, version: VERSION, isReady: readiness.check,
      metrics: observed.metrics.scrape, recordRequest: observed.metrics.recordRequest,
      ...(observed.tracing === undefined ? {} : { requestSpans: observed.tracing.requests }),
      ...(traces === undefined ? {} : { traces: traceReads, traceErrors: { link: traces.link } }),
      // Athena's trace page: this node's recent log lines by trace id (a ring behind createLogger's logger).
      ...(traces === undefined ? {} : { traceLogs: traceLogsOf(logger) }),
    };
    // The playground and Athena load only when enabled: a node without them never loads their pages.
    const site = config.site.playground.enabled ? await import('@olympus/site') : undefined;
    const athena = config.athena.enabled ? await import('@olympus/athena') : undefined;
    const publicApp = buildPublicApp(deps, logger, site ? [...heraRoutes, ...site.siteRoutes] : heraRoutes);
    if (site) await site.ensurePlaygroundClient(ctx);
    if (athena) await athena.ensureAthenaClient(ctx);
    const adminApp = buildAdminApp(deps, logger, athena ? [athena.registerAthena] : []);
    started.push(publicApp, adminApp);
    await publicApp.listen({ host: config.serve.public.host, port: config.serve.public.port });
    await adminApp.listen({ host: config.serve.admin.host, port: config.serve.admin.port });
    const courier = startCourierWorker(identity);
    const close = async () => {
      await Promise.allSettled([publicApp.close(), adminApp.close()]);
      await courier.stop();
      await traces?.close();
      await observed.close();
      await db.close();
    };
    return { ctx, identity, db, publicApp, adminApp, ...(traces === undefined ? {} : { traces }), setDraining: readiness.setDraining, close };
  } catch (err) {
    // Origins first (an app that never listened closes at once), then the recorder, then storage.
    for (const part of started.reverse()) await part.close().catch(() => {});
    await observed.close();
    await db.close();
    throw err;
  }
};

/** Reads first, so a node on a current schema starts on a read-only database too (docs/operations/faults.md). */
const prepareSchema = async (db: Db, apply: boolean): Promise<void> => {
  const pending = (await migrationStatus(db)).filter((m) => !m.applied);
  if (pending.length > 0 && apply) {
    await migrate(db, 'up');
    return;
  }
  if (pending.length > 0) {
    throw new Error(`The database has ${pending.length} pending migration(s) (${pending.map((m) => m.version).join(', ')}). Run \`olympus migrate up --config <file>\` first, or start with --dev.`);
  }
};

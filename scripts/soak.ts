/**
 * `npm run soak` (not in CI): three Olympus nodes on one PostgreSQL behind nginx (test/support/cluster.ts),
 * the mixed load of scripts/soak/mix.ts first as fast as the cluster answers (the maximum, 20 s), then for
 * SOAK_MINUTES (default 10) at 80 % of that rate. Reports 5xx and other failures, p50/p99 per minute and
 * each node's resident memory at the start and the end of the soak. docs/operations/deployment.md has
 * the figures of a run.
 *
 *   npm run soak                      10 minutes
 *   SOAK_MINUTES=1 npm run soak       a short check
 *   node scripts/soak.ts --sizing     client credentials req/s through nginx, 1 node and 3 nodes (autocannon)
 *
 * PostgreSQL: OLYMPUS_TEST_PG_DSN, else a throwaway server as `npm test` starts (scripts/pg.ts).
 */
import { availableParallelism } from 'node:os';
import { startTestPostgres } from './pg.ts';
import { closedLoop, openLoop } from './soak/drive.ts';
import { prepareMix } from './soak/mix.ts';
import { measureClientCredentials } from './soak/sizing.ts';
import { MinuteBuckets } from './soak/stats.ts';

const MEASURE_SECONDS = 20;
const WORKERS = 32;
const SHARE = 0.8;
const say = (line: string): void => void process.stdout.write(`${line}\n`);
const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

const soak = async (minutes: number): Promise<number> => {
  const { startCluster } = await import('../test/support/cluster.ts');
  const cluster = await startCluster();
  try {
    say(`3 nodes behind nginx at ${cluster.publicUrl}; ${availableParallelism()} CPU cores on this machine`);
    const fixtures = await prepareMix(cluster, WORKERS);
    const warm = new MinuteBuckets(Date.now());
    const maximum = await closedLoop(fixtures, WORKERS, MEASURE_SECONDS, (...exchange) => warm.record(...exchange));
    const rate = Math.max(1, Math.round(maximum * SHARE));
    say(`maximum: ${maximum.toFixed(0)} operations/s (${WORKERS} in flight, ${MEASURE_SECONDS} s); soaking at ${rate}/s for ${minutes} min`);
    const rssStart = cluster.nodes.map((node) => node.rss());
    const buckets = new MinuteBuckets(Date.now());
    const { started, skipped } = await openLoop(fixtures, rate, minutes * 60, (...exchange) => buckets.record(...exchange));
    const rssEnd = cluster.nodes.map((node) => node.rss());
    say('\nminute  requests  5xx  other failures  p50 ms  p99 ms');
    const figures = buckets.figures();
    for (const f of figures) say(`${String(f.minute).padStart(6)}  ${String(f.requests).padStart(8)}  ${String(f.serverErrors).padStart(3)}  ${String(f.otherFailures).padStart(14)}  ${f.p50.toFixed(1).padStart(6)}  ${f.p99.toFixed(1).padStart(6)}`);
    for (const [what, count] of buckets.failures) say(`failed ${count}×: ${what}`);
    say(`\noperations started: ${started}, skipped (the cluster fell behind): ${skipped}`);
    for (const [i, node] of cluster.nodes.entries()) say(`${node.id} RSS: ${mib(rssStart[i])} at the start, ${mib(rssEnd[i])} at the end`);
    const serverErrors = figures.reduce((sum, f) => sum + f.serverErrors, 0);
    say(`5xx: ${serverErrors}`);
    return serverErrors === 0 && skipped === 0 ? 0 : 1;
  } finally {
    await cluster.stop();
  }
};

const sizing = async (): Promise<number> => {
  say(`client credentials through nginx, autocannon 32 connections, 10 s; ${availableParallelism()} CPU cores`);
  for (const nodes of [1, 3]) {
    const f = await measureClientCredentials(nodes, 10, 32);
    say(`${nodes} node(s): ${f.reqPerSec} req/s, p50 ${f.p50} ms, p99 ${f.p99} ms, ${f.non2xx} non-2xx`);
  }
  return 0;
};

const main = async (): Promise<number> => {
  const pg = await startTestPostgres();
  process.env.OLYMPUS_TEST_PG_DSN = pg.dsn;
  try {
    if (process.argv.includes('--sizing')) return await sizing();
    return await soak(Number(process.env.SOAK_MINUTES ?? 10));
  } finally {
    await pg.stop();
  }
};

process.exitCode = await main();

/**
 * PostgreSQL stopped under light load (docs/operations/faults.md): while it is down every request fails
 * fast with 503 and Retry-After in its envelope (never a 500, never a hang, one warn line without a
 * stack each), /health/ready says the database is unreachable, and once it is back the pool serves a
 * 200 within 5 s by itself; every token acknowledged before, during or after introspects active.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { defaultDevConfig } from '@olympus/config';
import { createLogger, startServer, type RunningServer } from '@olympus/server';
import { createDatabase } from '../scripts/pg.ts';
import { startTestPostgres, type TestPostgres } from '../scripts/pg.ts';
import { askToken, ccClient, inBatches, isActive, loadUntil, post } from './support/faults.ts';
import { freePort } from './support/server.ts';

let pg: TestPostgres;
let server: RunningServer;
let publicUrl: string;
let adminUrl: string;
const logs: Array<Record<string, unknown>> = [];

before(async () => {
  pg = await startTestPostgres({ own: true });
  const dsn = await createDatabase(pg.dsn, 'olympus_faults');
  [publicUrl, adminUrl] = [`http://127.0.0.1:${await freePort()}`, `http://127.0.0.1:${await freePort()}`];
  const config = { ...defaultDevConfig(process.cwd(), { publicUrl, adminUrl, dsn }), log: { level: 'info' as const } };
  server = await startServer(config, { logger: createLogger(config, { write: (line: string) => void logs.push(JSON.parse(line)) }) });
});

after(async () => {
  await server?.close();
  await pg?.stop();
});

test('PostgreSQL stopped and started under load: 503 with Retry-After meanwhile, a 200 within 5 s of its return, nothing acknowledged lost', { timeout: 90_000 }, async () => {
  const client = await ccClient(adminUrl);
  const phase = { stop: false };
  const load = loadUntil(3, () => phase.stop, () => askToken(publicUrl, client));
  await new Promise((resolve) => setTimeout(resolve, 500));

  await pg.pause();
  const downAt = Date.now();
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const ready = await fetch(`${publicUrl}/health/ready`);
  assert.equal(ready.status, 503);
  assert.deepEqual(await ready.json(), { errors: { database: 'The database is not reachable.' } });
  const identity = await fetch(`${publicUrl}/self-service/registration/api`, { headers: { accept: 'application/json' } });
  const identityBody = await identity.json() as { error: Record<string, unknown> };
  assert.equal(identity.status, 503);
  assert.equal(identity.headers.get('retry-after'), '3');
  assert.equal(identityBody.error.id, 'temporarily_unavailable');
  assert.equal(identityBody.error.code, 503);
  const page = await fetch(`${publicUrl}/self-service/registration/browser`, { headers: { accept: 'text/html' } });
  assert.equal(page.status, 503);
  assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
  assert.match(await page.text(), /temporarily_unavailable/);

  await pg.resume();
  const upAt = Date.now();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  phase.stop = true;
  const answers = await load;

  const during = answers.filter((a) => a.at > downAt + 200 && a.at < upAt);
  const refused = answers.filter((a) => a.status !== 200);
  assert.ok(during.length > 0, 'requests were made while the database was down');
  for (const a of refused) {
    assert.equal(a.status, 503, JSON.stringify(a));
    assert.equal(a.retryAfter, '3');
    assert.equal(a.body.error, 'temporarily_unavailable');
    assert.ok(a.ms < 6000, `a refusal took ${Math.round(a.ms)} ms`);
  }
  const firstOk = answers.filter((a) => a.status === 200 && a.at > upAt).sort((a, b) => a.at - b.at)[0];
  assert.ok(firstOk !== undefined, 'a 200 after the database came back');
  const recoveryMs = firstOk.at - upAt;
  assert.ok(recoveryMs < 5000, `first 200 ${recoveryMs} ms after the database was back`);

  const acknowledged = answers.filter((a) => a.status === 200).map((a) => a.body.access_token as string);
  const active = await inBatches(acknowledged, 8, (token) => isActive(adminUrl, token));
  assert.equal(active.filter((x) => !x).length, 0);

  const failedLines = logs.filter((l) => l.msg === 'request failed' || (typeof l.err === 'object' && l.err !== null));
  assert.deepEqual(failedLines, [], 'no error line with a stack');
  const warnLines = logs.filter((l) => l.msg === 'database unavailable');
  assert.equal(warnLines.length, refused.length + 2);
  process.stderr.write(`# db down: ${answers.length} requests, ${acknowledged.length} acknowledged (0 lost), ${refused.length} × 503 (slowest ${Math.round(Math.max(...refused.map((a) => a.ms)))} ms), first 200 ${recoveryMs} ms after the database was back\n`);
  assert.ok(refused.length > 0);
  void post;
});

/**
 * SIGTERM drains a node (docs/operations/faults.md): /health/ready turns 503 at once while the node keeps
 * serving for the drain delay, then the listener closes (a fresh connection is refused), a request that
 * was in flight before the signal still completes with 200, and the process exits 0.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ccClient, childNode } from './support/faults.ts';

const DRAIN_MS = 1500;

/** A token request whose body arrives in two parts: it is in flight until `finish` is called. */
const slowTokenRequest = (publicUrl: string, authorization: string) => {
  const body = 'grant_type=client_credentials&scope=';
  const req = request(`${publicUrl}/oauth2/token`, {
    method: 'POST', headers: { authorization, 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(body.length) },
  });
  const answer = new Promise<{ status: number; body: string; connection: string | undefined }>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, connection: res.headers.connection }));
    });
    req.on('error', reject);
  });
  req.write(body.slice(0, 10));
  return { answer, finish: () => req.end(body.slice(10)) };
};

const refusesConnections = (url: string): Promise<boolean> =>
  fetch(url, { signal: AbortSignal.timeout(1000), headers: { connection: 'close' } }).then(() => false, (err: Error) => /ECONNREFUSED/.test(String((err.cause as Error | undefined)?.message ?? err)));

test('SIGTERM: not ready first, served through the drain delay, in-flight request completed, listener closed, exit 0', { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'olympus-sigterm-'));
  try {
    const spec = await childNode(dir, `sqlite://${join(dir, 'olympus.db')}`, { serve: { shutdown: { drain_delay: `${DRAIN_MS}ms`, timeout: '5s' } } });
    const node = await spec.start();
    const client = await ccClient(spec.adminUrl);
    const slow = slowTokenRequest(spec.publicUrl, client.authorization);
    await new Promise((resolve) => setTimeout(resolve, 200));

    const exit = new Promise<number | null>((resolve) => node.child.once('exit', (code) => resolve(code)));
    const signalledAt = Date.now();
    node.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const ready = await fetch(`${spec.publicUrl}/health/ready`, { headers: { connection: 'close' } });
    assert.equal(ready.status, 503);
    assert.deepEqual(await ready.json(), { errors: { node: 'shutting down' } });
    // Still serving during the drain delay: the load balancer, not the node, stops the traffic.
    const during = await fetch(`${spec.publicUrl}/.well-known/openid-configuration`, { headers: { connection: 'close' } });
    assert.equal(during.status, 200);

    // Once the delay is over the listener closes: a fresh connection is refused.
    while (!(await refusesConnections(`${spec.publicUrl}/health/alive`))) {
      assert.ok(Date.now() - signalledAt < DRAIN_MS + 3000, 'the listener closed after the drain delay');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.ok(Date.now() - signalledAt >= DRAIN_MS - 100, `closed only after the drain delay (${Date.now() - signalledAt} ms)`);

    // The request in flight since before the signal still completes.
    slow.finish();
    const answer = await slow.answer;
    assert.equal(answer.status, 200, answer.body);
    assert.ok(JSON.parse(answer.body).access_token);
    assert.equal(await exit, 0, node.output());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

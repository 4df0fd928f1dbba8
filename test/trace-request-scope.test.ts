/**
 * Each trace event carries the `X-Request-Id` of the HTTP request it was recorded in
 * (docs/operations/tracing.md), so a stop can be matched to the browser's network log and found by
 * the id a response showed. The cores never see the request: the HTTP edge's request scope fills it in.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createTraceStore } from '@olympus/storage';
import { authorizeUrl } from './support/flow.ts';
import { startTestServer, type TestServer } from './support/server.ts';

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`trace events name their request (${kind})`, () => {
    let olympus: TestServer;
    before(async () => {
      olympus = await startTestServer(kind);
    });
    after(async () => olympus?.close());

    test('a refused authorization request: the event holds the request id the response answered with', async () => {
      const sent = `req-${randomUUID()}`;
      const res = await fetch(authorizeUrl(olympus.publicUrl, { client_id: `nobody-${randomUUID()}`, response_type: 'code', redirect_uri: 'http://127.0.0.1:9/cb' }), {
        headers: { 'x-request-id': sent }, redirect: 'manual',
      });
      assert.equal(res.headers.get('x-request-id'), sent);
      await olympus.server.traces!.flush();
      const events = await createTraceStore(olympus.server.db).listRecent({ requestId: sent, limit: 10 });
      assert.deepEqual(events.map((e) => [e.stop, e.outcome]), [['authorize', 'refused']]);
      const logged = olympus.logs.find((l) => l.reqId === sent && l.msg === 'request rejected');
      assert.equal(logged?.trace_id, events[0]!.traceId, 'the refusal\'s log line names its trace, so the trace page can show it');
    });

    test('two requests at once keep their own ids', async () => {
      const ids = [`req-${randomUUID()}`, `req-${randomUUID()}`];
      await Promise.all(ids.map((id) => fetch(authorizeUrl(olympus.publicUrl, { client_id: id, response_type: 'code' }), { headers: { 'x-request-id': id }, redirect: 'manual' })));
      await olympus.server.traces!.flush();
      for (const id of ids) {
        const [event] = await createTraceStore(olympus.server.db).listRecent({ requestId: id, limit: 10 });
        assert.equal(event?.clientId, id, 'the event of each request names that request\'s client');
      }
    });
  });
}

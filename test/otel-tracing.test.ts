/**
 * OpenTelemetry tracing (docs/operations/observability.md): off unless the standard OTEL_*
 * variables ask for it; when on, every request's SERVER span reaches an OTLP/HTTP (JSON) receiver —
 * here a tiny one on loopback — named by its route pattern, with the status, the request id and
 * Olympus' trace id, and a token request's spans carry no token and no secret.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { tracingSettings } from '@olympus/observability';
import { startTestServer, type TestServer } from './support/server.ts';
import { basic, createClient, tokenRequest } from './support/flow.ts';

type Json = Record<string, any>;
interface ReceivedSpan {
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
}

/** An OTLP/HTTP receiver for the JSON protocol: keeps every request body and the spans in it. */
const otlpReceiver = async () => {
  const bodies: string[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      if (req.url === '/v1/traces') bodies.push(body);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const value = (v: Json): unknown => v.stringValue ?? (v.intValue === undefined ? v.boolValue ?? v.doubleValue : Number(v.intValue));
  return {
    url: `http://127.0.0.1:${port}`,
    bodies,
    spans: (): ReceivedSpan[] => bodies.flatMap((b) => (JSON.parse(b) as Json).resourceSpans.flatMap((rs: Json) => rs.scopeSpans.flatMap((ss: Json) =>
      ss.spans.map((s: Json) => ({ name: s.name, kind: s.kind, attributes: Object.fromEntries(s.attributes.map((a: Json) => [a.key, value(a.value)])) }))))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

test('tracing is off unless the OTEL_* variables ask for it', () => {
  assert.equal(tracingSettings({}), undefined);
  assert.equal(tracingSettings({ OTEL_SERVICE_NAME: 'x' }), undefined);
  assert.deepEqual(tracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' })?.exporters, ['otlp']);
  assert.deepEqual(tracingSettings({ OTEL_TRACES_EXPORTER: 'console' })?.exporters, ['console']);
  assert.equal(tracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', OTEL_SDK_DISABLED: 'true' }), undefined);
  assert.equal(tracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', OTEL_TRACES_EXPORTER: 'none' }), undefined);
  assert.match(tracingSettings({ OTEL_TRACES_EXPORTER: 'otlp,zipkin' })!.warnings.join(), /zipkin is not supported/);
});

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`OpenTelemetry spans to an OTLP receiver (${kind})`, () => {
    let receiver: Awaited<ReturnType<typeof otlpReceiver>>;
    let olympus: TestServer | undefined;
    const secrets: string[] = [];
    let tokenRequestId = '';
    let refusedRequestId = '';
    let logs: Array<Record<string, unknown>> = [];

    before(async () => {
      receiver = await otlpReceiver();
      Object.assign(process.env, { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_BSP_SCHEDULE_DELAY: '50', OTEL_SERVICE_NAME: 'olympus-test' });
      try {
        olympus = await startTestServer(kind);
      } finally {
        for (const name of ['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_PROTOCOL', 'OTEL_BSP_SCHEDULE_DELAY', 'OTEL_SERVICE_NAME']) delete process.env[name];
      }
      const client = await createClient(olympus.adminUrl, { grant_types: ['client_credentials'], token_endpoint_auth_method: 'client_secret_basic' });
      const authorization = basic(client.client_id, client.client_secret!);
      const token = await tokenRequest(olympus.publicUrl, { grant_type: 'client_credentials' }, { authorization });
      assert.equal(token.status, 200);
      tokenRequestId = token.headers.get('x-request-id')!;
      secrets.push(client.client_secret!, token.body.access_token!, authorization.slice('Basic '.length));
      // A refused authorization request starts a flow-tracer trace of its own (docs/operations/tracing.md).
      const refused = await fetch(`${olympus.publicUrl}/oauth2/auth?client_id=nobody&response_type=code&state=s3cr3t-state-value`, { redirect: 'manual' });
      refusedRequestId = refused.headers.get('x-request-id')!;
      secrets.push('s3cr3t-state-value');
      logs = olympus.logs;
      // Closing flushes the batch still buffered.
      await olympus.close();
      olympus = undefined;
    });
    after(async () => {
      await olympus?.close();
      await receiver?.close();
    });

    test('each request is a SERVER span named by its route pattern, with status, request id and origin', () => {
      const span = receiver.spans().find((s) => s.attributes['olympus.request_id'] === tokenRequestId);
      assert.ok(span, 'the token request has a span');
      assert.equal(span.name, 'POST /oauth2/token');
      assert.equal(span.kind, 2, 'SpanKind SERVER (OTLP numbering)');
      assert.deepEqual(
        { route: span.attributes['http.route'], status: span.attributes['http.response.status_code'], method: span.attributes['http.request.method'], origin: span.attributes['olympus.origin'] },
        { route: '/oauth2/token', status: 200, method: 'POST', origin: 'public' },
      );
      assert.ok(receiver.spans().some((s) => s.name === 'POST /admin/clients' && s.attributes['olympus.origin'] === 'admin'));
      assert.match(receiver.bodies.join(''), /"olympus-test"/, 'OTEL_SERVICE_NAME names the service');
    });

    test("a request the flow tracer reported on carries Olympus' trace id", () => {
      const span = receiver.spans().find((s) => s.attributes['olympus.request_id'] === refusedRequestId);
      assert.ok(span, 'the refused authorization request has a span');
      assert.equal(span.attributes['http.route'], '/oauth2/auth');
      const logged = logs.find((line) => line.reqId === refusedRequestId && typeof line.trace_id === 'string');
      assert.ok(logged, 'the refusal was logged with its trace id');
      assert.equal(span.attributes['olympus.trace_id'], logged.trace_id, 'the same trace id as the log line and the flow tracer');
    });

    test('no token, secret, credential or query value is in any exported span', () => {
      const exported = receiver.bodies.join('\n');
      assert.ok(exported.length > 0);
      for (const secret of secrets) assert.ok(!exported.includes(secret), `an exported span contains ${secret.slice(0, 6)}…`);
      assert.ok(!exported.includes('client_id=nobody'));
    });
  });
}

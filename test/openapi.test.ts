/**
 * The OpenAPI 3.1 documents of both origins (docs/operations/openapi.md): served where documented,
 * valid OpenAPI 3.1, and describing every route the origin registers (collected here with Fastify's
 * onRoute hook on apps built like the server builds them) with at least one response schema.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { Validator } from '@seriousme/openapi-schema-validator';
import { buildAdminApp, buildPublicApp, type HttpDeps } from '@olympus/http';
import { heraRoutes } from '@olympus/hera';
import { siteRoutes } from '@olympus/site';
import { registerAthena } from '@olympus/athena';
import { createAuditStore, createTraceStore } from '@olympus/storage';
import { startTestServer, type TestServer } from './support/server.ts';

type Document = {
  openapi: string;
  info: { version: string };
  servers: Array<{ url: string }>;
  paths: Record<string, Record<string, { operationId?: string; responses?: Record<string, unknown> }>>;
};

const routesOf = async (build: (deps: HttpDeps) => FastifyInstance, deps: HttpDeps) => {
  const app = build(deps);
  const routes: Array<{ method: string; url: string; declared: boolean }> = [];
  app.addHook('onRoute', (route: RouteOptions) => {
    const declared = route.schema?.response !== undefined;
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method: method.toLowerCase(), url: route.url, declared });
  });
  await app.ready();
  await app.close();
  return routes;
};

const openApiPath = (url: string): string => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

describe('OpenAPI documents', () => {
  let server: TestServer;
  let deps: HttpDeps;
  before(async () => {
    server = await startTestServer('sqlite');
    const { ctx, identity, db } = server.server;
    deps = {
      ctx, identity, audit: createAuditStore(db), traceEvents: createTraceStore(db), version: '0.0.0-test', isReady: async () => true,
      metrics: async () => ({ contentType: 'text/plain', body: '' }),
    };
  });
  after(() => server.close());

  const fetchDocument = async (url: string): Promise<Document> => {
    const res = await fetch(url);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    return (await res.json()) as Document;
  };

  const origins = [
    { name: 'public', path: '/.well-known/olympus/openapi.json', base: () => server.publicUrl, build: (d: HttpDeps) => buildPublicApp(d, server.server.ctx.log as never, [...heraRoutes, ...siteRoutes]) },
    { name: 'admin', path: '/openapi.json', base: () => server.adminUrl, build: (d: HttpDeps) => buildAdminApp(d, server.server.ctx.log as never, [registerAthena]) },
  ];

  test('a request its route schema refuses gets the origin\'s documented error naming the field', async () => {
    const accept = await fetch(`${server.adminUrl}/admin/oauth2/auth/requests/login/accept?login_challenge=x`, {
      method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ remember: 'yes' }),
    });
    assert.equal(accept.status, 400);
    const oauth2 = (await accept.json()) as { error: string; error_description: string };
    assert.equal(oauth2.error, 'invalid_request');
    assert.match(oauth2.error_description, /field 'remember' must be boolean/);
    const create = await fetch(`${server.adminUrl}/admin/identities`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[]' });
    assert.equal(create.status, 400);
    const kratos = (await create.json()) as { error: { code: number; id: string; reason: string } };
    assert.equal(kratos.error.code, 400);
    assert.match(kratos.error.reason, /request body must be object/);
  });

  test('answers keep their bytes: fields a response schema does not name stay, Content-Type unchanged', async () => {
    const res = await fetch(`${server.publicUrl}/.well-known/openid-configuration`);
    assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8');
    const text = await res.text();
    assert.equal(text, JSON.stringify(JSON.parse(text)));
    assert.equal((JSON.parse(text) as Record<string, unknown>).backchannel_logout_supported, true);
  });

  for (const origin of origins) {
    test(`the ${origin.name} origin's document is valid OpenAPI 3.1 with Olympus' version and the configured base URL`, async () => {
      const doc = await fetchDocument(`${origin.base()}${origin.path}`);
      assert.equal(doc.openapi, '3.1.0');
      assert.match(doc.info.version, /^\d+\.\d+\.\d+/);
      assert.deepEqual(doc.servers, [{ url: origin.base() }]);
      const result = await new Validator().validate(doc as never);
      assert.equal(result.valid, true, JSON.stringify(result.errors, null, 1)?.slice(0, 4000));
      const ids = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((op) => op.operationId));
      assert.equal(new Set(ids).size, ids.length, 'operationIds are unique');
    });

    test(`every route of the ${origin.name} origin is in its document with a response schema`, async () => {
      const routes = await routesOf(origin.build, deps);
      const served = await fetchDocument(`${origin.base()}${origin.path}`);
      assert.ok(routes.length > 20);
      const missing = routes.filter(({ method, url, declared }) => {
        const operation = served.paths[openApiPath(url)]?.[method];
        return !declared || operation === undefined || Object.keys(operation.responses ?? {}).length === 0;
      }).map(({ method, url }) => `${method} ${url}`);
      assert.deepEqual(missing, []);
    });
  }
});

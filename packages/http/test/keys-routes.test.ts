import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify, { type FastifyInstance } from 'fastify';
import type { JWK } from 'jose';
import { Sealer } from '@olympus/crypto';
import { KEY_SETS, KeyRing, type OAuth2Context } from '@olympus/oauth2';
import { addAdminPrefix } from '../src/admin-guard.ts';
import { registerKeyRoutes } from '../src/admin/keys.ts';
import { registerErrorHandling } from '../src/errors.ts';
import { useRouteSchemas } from '../src/openapi/validation.ts';
import { memoryOAuth2Storage } from '../../oauth2/test/memory-stores.ts';

let app: FastifyInstance;

before(async () => {
  const ring = new KeyRing({
    store: (await memoryOAuth2Storage()).keys,
    sealer: new Sealer(['s'.repeat(32)]),
    idTokenAlg: 'RS256',
    publishAhead: 60_000,
    retainAfterRetire: 3_600_000,
    now: () => Date.now(),
  });
  await ring.ensureDefaultKeys();
  app = Fastify({ rewriteUrl: (req) => addAdminPrefix(req.url ?? '/') });
  // As buildPublicApp/buildAdminApp do: route schemas validate without changing requests or re-serializing answers.
  useRouteSchemas(app);
  registerErrorHandling(app, { exposeDebug: true, docsBaseUrl: 'http://localhost:4444' });
  // The key routes only use ctx.keys.
  registerKeyRoutes(app, { ctx: { keys: ring } as unknown as OAuth2Context, version: 'test', isReady: async () => true });
  await app.ready();
});

const call = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) => {
  const res = await app.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as object }) });
  return { status: res.statusCode, body: res.body ? (res.json() as Record<string, unknown>) : undefined, headers: res.headers };
};

const keysOf = (body: Record<string, unknown> | undefined): JWK[] => (body?.keys ?? []) as JWK[];

describe('/admin/keys', () => {
  test('GET a default set lists public keys', async () => {
    const res = await call('GET', `/admin/keys/${KEY_SETS.idToken}`);
    assert.equal(res.status, 200);
    const [key] = keysOf(res.body);
    assert.equal(key.alg, 'RS256');
    assert.equal(key.use, 'sig');
    assert.ok(key.kid && key.n && key.e);
    assert.equal(key.d, undefined);
  });

  test('GET an unknown set is 404 not_found', async () => {
    const res = await call('GET', '/admin/keys/no-such-set');
    assert.equal(res.status, 404);
    assert.equal(res.body?.error, 'not_found');
  });

  test('POST to a default set returns 201 with the public key only', async () => {
    const res = await call('POST', `/admin/keys/${KEY_SETS.accessToken}`, { alg: 'ES256', use: 'sig', kid: 'rotated-1' });
    assert.equal(res.status, 201);
    const [key] = keysOf(res.body);
    assert.equal(key.kid, 'rotated-1');
    assert.equal(key.d, undefined);
    assert.equal(res.headers['cache-control'], 'no-store');
  });

  test('POST to a custom set shows the private key once', async () => {
    const res = await call('POST', '/admin/keys/partner-signing', { alg: 'EdDSA', use: 'sig', kid: 'p1' });
    assert.equal(res.status, 201);
    assert.ok(keysOf(res.body)[0].d);
    const again = await call('GET', '/admin/keys/partner-signing/p1');
    assert.equal(again.status, 200);
    assert.equal(keysOf(again.body)[0].kid, 'p1');
    assert.equal(keysOf(again.body)[0].d, undefined);
  });

  test('POST with an unsupported alg is 400 invalid_request naming the supported algs', async () => {
    const res = await call('POST', '/admin/keys/anything', { alg: 'none', use: 'sig' });
    assert.equal(res.status, 400);
    assert.equal(res.body?.error, 'invalid_request');
    assert.match(String(res.body?.error_hint), /RS256, RS512, ES256, ES512, EdDSA, HS256, HS512/);
  });

  test('POST with a body that is not an object is 400', async () => {
    const res = await call('POST', '/admin/keys/anything', [{ alg: 'RS256' }]);
    assert.equal(res.status, 400);
    assert.equal(res.body?.error, 'invalid_request');
  });

  test('PUT imports a set and a single key', async () => {
    const created = keysOf((await call('POST', '/admin/keys/source', { alg: 'ES256', use: 'sig', kid: 'imp' })).body)[0];
    const setRes = await call('PUT', '/admin/keys/imported', { keys: [created] });
    assert.equal(setRes.status, 200);
    assert.deepEqual(keysOf(setRes.body).map((k) => k.kid), ['imp']);
    assert.equal(keysOf(setRes.body)[0].d, undefined);

    const { d: _d, ...publicOnly } = created;
    const keyRes = await call('PUT', '/admin/keys/imported/verify-only', { ...publicOnly, kid: 'verify-only' });
    assert.equal(keyRes.status, 200);
    assert.equal(keyRes.body?.kid, 'verify-only');
    const listed = await call('GET', '/admin/keys/imported');
    assert.deepEqual(keysOf(listed.body).map((k) => k.kid).sort(), ['imp', 'verify-only']);

    const bad = await call('PUT', '/admin/keys/imported/other', { ...publicOnly, kid: 'mismatch' });
    assert.equal(bad.status, 400);
  });

  test('DELETE a key and a set are 204, then 404', async () => {
    await call('POST', '/admin/keys/doomed', { alg: 'ES256', use: 'sig', kid: 'a' });
    await call('POST', '/admin/keys/doomed', { alg: 'ES256', use: 'sig', kid: 'b' });
    assert.equal((await call('DELETE', '/admin/keys/doomed/a')).status, 204);
    assert.equal((await call('DELETE', '/admin/keys/doomed/a')).status, 404);
    assert.equal((await call('GET', '/admin/keys/doomed/a')).status, 404);
    assert.equal((await call('DELETE', '/admin/keys/doomed')).status, 204);
    assert.equal((await call('GET', '/admin/keys/doomed')).status, 404);
  });

  test('legacy paths without /admin work', async () => {
    const res = await call('GET', `/keys/${KEY_SETS.idToken}`);
    assert.equal(res.status, 200);
    assert.equal(keysOf(res.body).length, 1);
  });
});

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import Fastify, { type FastifyInstance } from 'fastify';
import { KeyedHasher, Sealer } from '@olympus/crypto';
import { ClientService, type OAuth2Context } from '@olympus/oauth2';
import { memoryOAuth2Storage } from '../../oauth2/test/memory-stores.ts';
import { registerErrorHandling } from '../src/errors.ts';
import { useRouteSchemas } from '../src/openapi/validation.ts';
import { registerFormBody } from '../src/form-body.ts';
import { registerClientRoutes } from '../src/admin/clients.ts';


const web = { redirect_uris: ['https://app.example/cb'] };
const sealer = new Sealer(['system-secret-one-0123456789abcdef']);
const store = (await memoryOAuth2Storage()).clients;
let clock = Date.UTC(2025, 0, 1);
const service = new ClientService({ store, hasher: new KeyedHasher(['system-secret-one-0123456789abcdef']), dev: false, now: () => clock++ });
let app: FastifyInstance;

before(async () => {
  app = Fastify();
  // As buildPublicApp/buildAdminApp do: route schemas validate without changing requests or re-serializing answers.
  useRouteSchemas(app);
  registerFormBody(app);
  registerErrorHandling(app, { exposeDebug: true, docsBaseUrl: 'http://127.0.0.1:4444' });
  const ctx = { clients: service, sealer } as Partial<OAuth2Context> as OAuth2Context;
  registerClientRoutes(app, { ctx, version: 'test', isReady: async () => true });
  await app.ready();
});
after(() => app.close());

const json = (method: 'POST' | 'PUT' | 'PATCH', url: string, body: unknown, type = 'application/json') =>
  app.inject({ method, url, headers: { 'content-type': type }, payload: JSON.stringify(body) });

describe('create, read, update, delete', () => {
  test('POST returns 201 with the secret once; GET never shows it', async () => {
    const created = await json('POST', '/admin/clients', { ...web, client_id: 'crud', client_name: 'CRUD' });
    assert.equal(created.statusCode, 201);
    assert.equal(created.headers['cache-control'], 'no-store');
    const body = created.json();
    assert.equal(body.client_id, 'crud');
    assert.match(body.client_secret, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(JSON.stringify(await store.getClient('crud')).includes(body.client_secret), false);

    const read = await app.inject({ method: 'GET', url: '/admin/clients/crud' });
    assert.equal(read.statusCode, 200);
    assert.equal(read.json().client_name, 'CRUD');
    assert.equal('client_secret' in read.json(), false);
  });

  test('PUT replaces and PATCH patches; neither returns a secret unless one is set', async () => {
    const put = await json('PUT', '/admin/clients/crud', { ...web, client_name: 'Renamed' });
    assert.equal(put.statusCode, 200);
    assert.equal(put.json().client_name, 'Renamed');
    assert.equal('client_secret' in put.json(), false);

    const patch = await json('PATCH', '/admin/clients/crud', [{ op: 'replace', path: '/client_name', value: 'Patched' }], 'application/json-patch+json');
    assert.equal(patch.statusCode, 200);
    assert.equal(patch.json().client_name, 'Patched');
    assert.equal('client_secret' in patch.json(), false);

    const setSecret = await json('PATCH', '/admin/clients/crud', [{ op: 'add', path: '/client_secret', value: 'a-new-secret' }]);
    assert.equal(setSecret.json().client_secret, 'a-new-secret');
  });

  test('DELETE answers 204, then the client is gone (404)', async () => {
    await json('POST', '/admin/clients', { ...web, client_id: 'doomed' });
    const deleted = await app.inject({ method: 'DELETE', url: '/admin/clients/doomed' });
    assert.equal(deleted.statusCode, 204);
    assert.equal(deleted.body, '');
    const again = await app.inject({ method: 'GET', url: '/admin/clients/doomed' });
    assert.equal(again.statusCode, 404);
    assert.equal(again.json().error, 'not_found');
    assert.match(again.json().error_description, /'doomed'/);
    assert.equal((await app.inject({ method: 'DELETE', url: '/admin/clients/doomed' })).statusCode, 404);
  });

  test('a duplicate client_id is 409 naming the id', async () => {
    await json('POST', '/admin/clients', { ...web, client_id: 'twice' });
    const res = await json('POST', '/admin/clients', { ...web, client_id: 'twice' });
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().error, 'conflict');
    assert.match(res.json().error_description, /client_id 'twice' already exists/);
  });
});

describe('bad input is a 4xx that explains itself', () => {
  test('invalid metadata names the field', async () => {
    const res = await json('POST', '/admin/clients', { ...web, grant_types: ['password'] });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error, 'invalid_client_metadata');
    assert.match(res.json().error_description, /grant_types contains 'password'.*RFC 9700 Section 2\.4/);
  });

  test('a bad redirect URI is invalid_redirect_uri', async () => {
    const res = await json('POST', '/admin/clients', { redirect_uris: ['https://app.example/cb#frag'] });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error, 'invalid_redirect_uri');
    assert.match(res.json().error_description, /redirect_uris\[0\].*fragment/);
  });

  test('a non-JSON body is 415 invalid_request', async () => {
    const form = await app.inject({ method: 'POST', url: '/admin/clients', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'client_name=x' });
    assert.equal(form.statusCode, 415);
    assert.equal(form.json().error, 'invalid_request');
    assert.match(form.json().error_description, /must be JSON.*Content-Type: application\/json/);
    const none = await app.inject({ method: 'PUT', url: '/admin/clients/crud', payload: 'x' });
    assert.equal(none.statusCode, 415);
  });

  test('malformed JSON and a missing body are 400 invalid_request / invalid_client_metadata, never 500', async () => {
    const broken = await app.inject({ method: 'POST', url: '/admin/clients', headers: { 'content-type': 'application/json' }, payload: '{"a":' });
    assert.equal(broken.statusCode, 400);
    assert.equal(broken.json().error, 'invalid_request');
    const empty = await app.inject({ method: 'POST', url: '/admin/clients', headers: { 'content-type': 'application/json' }, payload: '' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.json().error_description, /must be a JSON object.*missing/);
  });

  test('an invalid patch names the operation index', async () => {
    const res = await json('PATCH', '/admin/clients/crud', [{ op: 'test', path: '/client_id', value: 'crud' }, { op: 'remove', path: '/nope' }]);
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error, 'invalid_request');
    assert.match(res.json().error_description, /JSON Patch operation 1 \(remove \/nope\) failed/);
  });

  test('a prototype-poisoning body is refused', async () => {
    const res = await app.inject({ method: 'POST', url: '/admin/clients', headers: { 'content-type': 'application/json' }, payload: '{"__proto__":{"x":1}}' });
    assert.equal(res.statusCode, 400);
  });
});

describe('secret rotation', () => {
  test('POST rotate returns a new secret; old and new authenticate; DELETE rotate ends the window', async () => {
    const created = (await json('POST', '/admin/clients', { ...web, client_id: 'rot' })).json();
    const rotated = await app.inject({ method: 'POST', url: '/admin/clients/rot/secrets/rotate', headers: { 'content-type': 'application/json' } });
    assert.equal(rotated.statusCode, 200);
    const fresh = rotated.json().client_secret;
    assert.notEqual(fresh, created.client_secret);
    let stored = (await service.get('rot'))!;
    assert.equal(service.verifySecret(stored, created.client_secret), true);
    assert.equal(service.verifySecret(stored, fresh), true);

    const cleared = await app.inject({ method: 'DELETE', url: '/admin/clients/rot/secrets/rotate' });
    assert.equal(cleared.statusCode, 204);
    stored = (await service.get('rot'))!;
    assert.equal(service.verifySecret(stored, created.client_secret), false);
    assert.equal(service.verifySecret(stored, fresh), true);
  });

  test('rotating an unknown client is 404', async () => {
    assert.equal((await app.inject({ method: 'POST', url: '/admin/clients/ghost/secrets/rotate' })).statusCode, 404);
  });
});

describe('listing with sealed page tokens', () => {
  before(async () => {
    for (let i = 0; i < 5; i++) await json('POST', '/admin/clients', { ...web, client_id: `list-${i}`, owner: 'lister' });
  });

  const nextLink = (header: unknown): string | undefined => /<([^>]+)>; rel="next"/.exec(String(header))?.[1];

  test('pages follow the Link header to the end, with no secrets', async () => {
    const seen: string[] = [];
    let url: string | undefined = '/admin/clients?owner=lister&page_size=2';
    let pages = 0;
    while (url) {
      const res: Awaited<ReturnType<typeof app.inject>> = await app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 200);
      const body = res.json() as { client_id: string }[];
      assert.ok(Array.isArray(body));
      assert.equal(body.some((c) => 'client_secret' in c), false);
      seen.push(...body.map((c) => c.client_id));
      assert.match(String(res.headers.link), /^<\/admin\/clients\?owner=lister&page_size=2>; rel="first"/);
      url = nextLink(res.headers.link);
      if (url) assert.match(url, /^\/admin\/clients\?owner=lister&page_size=2&page_token=v1\.[\w.-]+$/);
      pages++;
    }
    assert.equal(pages, 3);
    assert.deepEqual(seen, ['list-0', 'list-1', 'list-2', 'list-3', 'list-4']);
  });

  test('default page size is 250 and the list is a JSON array', async () => {
    const res = await app.inject({ method: 'GET', url: '/admin/clients' });
    assert.equal(res.statusCode, 200);
    assert.ok(res.json().length >= 5);
    assert.equal(nextLink(res.headers.link), undefined);
    assert.match(String(res.headers.link), /page_size=250/);
  });

  const tokenOf = async (): Promise<string> => {
    const res = await app.inject({ method: 'GET', url: '/admin/clients?owner=lister&page_size=1' });
    return new URL(nextLink(res.headers.link)!, 'http://x').searchParams.get('page_token')!;
  };

  const expectInvalidToken = async (token: string): Promise<void> => {
    const res = await app.inject({ method: 'GET', url: `/admin/clients?page_token=${encodeURIComponent(token)}` });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error, 'invalid_request');
    assert.equal(res.json().error_description, 'The page_token is invalid or was issued for another list.');
  };

  test('a flipped byte in the page token is 400, not 500 (AS-44)', async () => {
    const token = await tokenOf();
    const parts = token.split('.');
    parts[2] = (parts[2][0] === 'A' ? 'B' : 'A') + parts[2].slice(1);
    await expectInvalidToken(parts.join('.'));
    await expectInvalidToken(`${token.slice(0, -2)}`);
  });

  test('a token from another endpoint, or forged JSON, is 400 (AS-44)', async () => {
    await expectInvalidToken(sealer.seal(JSON.stringify({ createdAt: '1970', id: 'x' }), 'page:identities'));
    await expectInvalidToken(Buffer.from(JSON.stringify({ createdAt: "' OR 1=1 --", id: 'x' })).toString('base64url'));
    await expectInvalidToken(sealer.seal('[1,2]', 'page:clients'));
    await expectInvalidToken(sealer.seal('not json', 'page:clients'));
  });

  test('page_size outside 1..500 or repeated parameters are 400', async () => {
    for (const query of ['page_size=0', 'page_size=501', 'page_size=abc', 'page_size=2&page_size=3', 'owner=a&owner=b']) {
      const res = await app.inject({ method: 'GET', url: `/admin/clients?${query}` });
      assert.equal(res.statusCode, 400, query);
      assert.equal(res.json().error, 'invalid_request', query);
    }
  });
});

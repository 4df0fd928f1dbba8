/**
 * Bodies Olympus cannot read are refused at the edge, the same way on every route, each answer in
 * its route's envelope (Kratos' for identity routes, OAuth2's for the others), on SQLite and
 * PostgreSQL: an oversized body is 413, never 400 or 500; a body that is not valid UTF-8 (raw or
 * percent-encoded) is 400 and nothing of it is stored; a URL holding %00 is 400, not a storage 500.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from './support/server.ts';
import { Browser } from './support/browser.ts';
import { authorizeUrl, createClient, pkcePair } from './support/flow.ts';

type Json = Record<string, any>;
type Envelope = 'kratos' | 'oauth2';

const MIB = 1024 * 1024;
const JSON_TYPE = 'application/json';
const FORM_TYPE = 'application/x-www-form-urlencoded';
/** The bytes FF FE: never part of valid UTF-8 (RFC 3629 §1). */
const NOT_UTF8 = Buffer.from([0xff, 0xfe]);
const REDIRECT = 'http://127.0.0.1:9/callback';

const bytes = (...parts: Array<string | Buffer>): Buffer => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));

/** A body sent without Content-Length (chunked), so the limit is found while reading, not from the header. */
const chunked = (body: Buffer): ReadableStream<Uint8Array> => {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= body.length) return controller.close();
      controller.enqueue(body.subarray(offset, (offset += 64 * 1024)));
    },
  });
};

const post = async (url: string, type: string, body: Buffer | ReadableStream<Uint8Array>, method = 'POST') => {
  const res = await fetch(url, { method, headers: { 'content-type': type, accept: JSON_TYPE }, body, duplex: 'half' } as RequestInit);
  return { status: res.status, body: (await res.json()) as Json, headers: res.headers };
};

/** The envelope's error code and the text a developer reads (description, or Kratos' message and reason). */
const refusalOf = (envelope: Envelope, body: Json): { code: string; text: string; status?: number } =>
  envelope === 'kratos'
    ? { code: body.error?.id, text: `${body.error?.message} ${body.error?.reason}`, status: body.error?.code }
    : { code: body.error, text: String(body.error_description) };

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`input refused at the edge (${kind})`, () => {
    let olympus: TestServer;
    before(async () => (olympus = await startTestServer(kind)));
    after(() => olympus?.close());

    /** Representative endpoints of each kind: [name, envelope, URL, method]. */
    const jsonEndpoints = (): Array<[string, Envelope, string, string]> => [
      ['admin identities', 'kratos', `${olympus.adminUrl}/admin/identities`, 'POST'],
      ['self-service login (JSON)', 'kratos', `${olympus.publicUrl}/self-service/login?flow=00000000-0000-4000-8000-000000000000`, 'POST'],
      ['admin clients', 'oauth2', `${olympus.adminUrl}/admin/clients`, 'POST'],
      ['accept login request', 'oauth2', `${olympus.adminUrl}/admin/oauth2/auth/requests/login/accept?login_challenge=x`, 'PUT'],
    ];
    const formEndpoints = (): Array<[string, Envelope, string]> => [
      ['self-service login (form)', 'kratos', `${olympus.publicUrl}/self-service/login?flow=00000000-0000-4000-8000-000000000000`],
      ['self-service registration (form)', 'kratos', `${olympus.publicUrl}/self-service/registration?flow=00000000-0000-4000-8000-000000000000`],
      ['token endpoint', 'oauth2', `${olympus.publicUrl}/oauth2/token`],
      ['revocation endpoint', 'oauth2', `${olympus.publicUrl}/oauth2/revoke`],
    ];

    test('a JSON body over 1 MiB is 413 in the route envelope, whether or not Content-Length announced it', async () => {
      const big = Buffer.from(JSON.stringify({ traits: { email: 'a@example.com' }, client_name: 'x'.repeat(2 * MIB) }));
      for (const [name, envelope, url, method] of jsonEndpoints()) {
        for (const [how, body] of [['Content-Length', big], ['chunked', chunked(big)]] as const) {
          const res = await post(url, JSON_TYPE, body, method);
          assert.equal(res.status, 413, `${name} (${how}): ${JSON.stringify(res.body)}`);
          const refusal = refusalOf(envelope, res.body);
          assert.equal(refusal.code, envelope === 'kratos' ? 'bad_request' : 'invalid_request', `${name} (${how})`);
          assert.match(refusal.text, /larger than Olympus accepts/, `${name} (${how})`);
          if (envelope === 'kratos') assert.equal(refusal.status, 413, `${name}: the Kratos envelope carries the status`);
          assert.ok(res.headers.get('x-request-id'), name);
        }
      }
    });

    test('a form body over 64 KiB is 413 in the route envelope', async () => {
      const big = Buffer.from(`method=password&identifier=a%40example.com&password=${'a'.repeat(70 * 1024)}`);
      for (const [name, envelope, url] of formEndpoints()) {
        for (const [how, body] of [['Content-Length', big], ['chunked', chunked(big)]] as const) {
          const res = await post(url, FORM_TYPE, body);
          assert.equal(res.status, 413, `${name} (${how}): ${JSON.stringify(res.body)}`);
          assert.equal(refusalOf(envelope, res.body).code, envelope === 'kratos' ? 'bad_request' : 'invalid_request', `${name} (${how})`);
          assert.match(refusalOf(envelope, res.body).text, /larger than Olympus accepts/, `${name} (${how})`);
        }
      }
    });

    test('a JSON body with bytes that are not UTF-8 is 400 saying so, in the route envelope', async () => {
      const body = bytes('{"traits":{"email":"a@example.com"},"method":"password","client_name":"', NOT_UTF8, '"}');
      for (const [name, envelope, url, method] of jsonEndpoints()) {
        const res = await post(url, JSON_TYPE, body, method);
        assert.equal(res.status, 400, `${name}: ${JSON.stringify(res.body)}`);
        const refusal = refusalOf(envelope, res.body);
        assert.equal(refusal.code, envelope === 'kratos' ? 'bad_request' : 'invalid_request', name);
        assert.match(refusal.text, /not valid UTF-8/, name);
      }
    });

    test('a form body with raw or percent-encoded bytes that are not UTF-8 is 400 saying so, in the route envelope', async () => {
      for (const body of [bytes('method=password&identifier=', NOT_UTF8), bytes('method=password&identifier=%FF%FE'), bytes('method=password&identifier=%C3')]) {
        for (const [name, envelope, url] of formEndpoints()) {
          const res = await post(url, FORM_TYPE, body);
          assert.equal(res.status, 400, `${name} ${body}: ${JSON.stringify(res.body)}`);
          const refusal = refusalOf(envelope, res.body);
          assert.equal(refusal.code, envelope === 'kratos' ? 'bad_request' : 'invalid_request', name);
          assert.match(refusal.text, /not valid UTF-8/, name);
        }
      }
    });

    test('a client_name that is not UTF-8 is not stored; one that is comes back byte for byte', async () => {
      const marker = `utf8-check-${kind}`;
      const refused = await post(`${olympus.adminUrl}/admin/clients`, JSON_TYPE, bytes(`{"grant_types":["client_credentials"],"client_name":"${marker} `, NOT_UTF8, '"}'));
      assert.equal(refused.status, 400, JSON.stringify(refused.body));
      assert.match(refused.body.error_description, /not valid UTF-8/);
      const listed = (await (await fetch(`${olympus.adminUrl}/admin/clients?client_name=${encodeURIComponent(`${marker} \ufffd\ufffd`)}`)).json()) as Json[];
      assert.deepEqual(listed, [], 'nothing was stored with U+FFFD in place of the bytes');

      // Multi-byte characters split across chunks of a chunked body still decode.
      const name = `Zoë 🚀 ${'ü'.repeat(40 * 1024)}`;
      const created = await post(`${olympus.adminUrl}/admin/clients`, JSON_TYPE, chunked(Buffer.from(JSON.stringify({ grant_types: ['client_credentials'], client_name: name }))));
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.client_name, name);
    });

    test('a URL holding %00 (U+0000) is 400 in the route envelope, never a 500 from storage', async () => {
      const urls: Array<[Envelope, string]> = [
        ['kratos', `${olympus.adminUrl}/admin/identities?credentials_identifier=a%00b`],
        ['kratos', `${olympus.publicUrl}/self-service/login/flows?id=a%00b`],
        ['kratos', `${olympus.adminUrl}/admin/identities/a%00b`],
        ['oauth2', `${olympus.adminUrl}/admin/clients?client_name=a%00b`],
        ['oauth2', `${olympus.adminUrl}/admin/clients/a%00b`],
        ['oauth2', `${olympus.adminUrl}/admin/oauth2/auth/requests/login?login_challenge=a%00b`],
        ['oauth2', `${olympus.publicUrl}/oauth2/auth?client_id=a%00b&response_type=code`],
      ];
      for (const [envelope, url] of urls) {
        const res = await fetch(url, { headers: { accept: JSON_TYPE } });
        const body = (await res.json()) as Json;
        assert.equal(res.status, 400, `${url}: ${JSON.stringify(body)}`);
        const refusal = refusalOf(envelope, body);
        assert.equal(refusal.code, envelope === 'kratos' ? 'bad_request' : 'invalid_request', url);
        assert.match(refusal.text, /U\+0000/, url);
      }
    });

    test('an authorization request whose query holds percent-encoded bytes that are not UTF-8 is refused on the error page', async () => {
      const client = await createClient(olympus.adminUrl, { grant_types: ['authorization_code'], redirect_uris: [REDIRECT], scope: 'openid' });
      const url = authorizeUrl(olympus.publicUrl, {
        client_id: client.client_id, response_type: 'code', redirect_uri: REDIRECT, scope: 'openid', code_challenge: pkcePair().challenge, code_challenge_method: 'S256',
      });
      const hop = await new Browser().get(`${url}&state=%FF%FE`);
      assert.equal(hop.status, 400);
      assert.equal(hop.location, null, 'no redirect carries U+FFFD back to the client');
      assert.match(hop.body, /invalid_request/);
      assert.match(hop.body, /not valid UTF-8/);
    });
  });
}

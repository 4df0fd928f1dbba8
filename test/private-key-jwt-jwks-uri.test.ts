/**
 * private_key_jwt with keys at the client's jwks_uri, end to end on SQLite and PostgreSQL: a real
 * client_credentials request whose assertion Olympus verifies with the JWK Set it fetches from a
 * local node:http server (dev mode, loopback http allowed), key rotation at the client, broken
 * jwks_uri answers, and the SSRF guard (clients.http.disallow_private_ip_ranges) turned on.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import type { OlympusConfig } from '@olympus/config';
import { createClient, tokenRequest } from './support/flow.ts';
import { startTestServer, type TestServer } from './support/server.ts';

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  jwk: JWK;
}

const newKey = async (kid: string): Promise<SigningKey> => {
  const pair = await generateKeyPair('ES256');
  return { kid, privateKey: pair.privateKey, jwk: { ...(await exportJWK(pair.publicKey)), kid, alg: 'ES256', use: 'sig' } };
};

/** The client's own key server: each path answers what the test put there. */
class ClientKeyServer {
  readonly answers = new Map<string, { status: number; body: string }>();
  #server: Server | undefined;
  base = '';

  async start(): Promise<void> {
    this.#server = createServer((req, res) => {
      const answer = this.answers.get(req.url ?? '') ?? { status: 404, body: '{}' };
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
    });
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  serveKeys(path: string, ...keys: SigningKey[]): string {
    this.answers.set(path, { status: 200, body: JSON.stringify({ keys: keys.map((k) => k.jwk) }) });
    return `${this.base}${path}`;
  }

  close(): void {
    this.#server?.closeAllConnections();
    this.#server?.close();
  }
}

const registerClient = async (olympus: TestServer, jwksUri: string): Promise<string> => {
  const client = await createClient(olympus.adminUrl, {
    grant_types: ['client_credentials'],
    token_endpoint_auth_method: 'private_key_jwt',
    token_endpoint_auth_signing_alg: 'ES256',
    jwks_uri: jwksUri,
  });
  return client.client_id;
};

/** A client_credentials request authenticated with a fresh assertion (RFC 7523 §2.2, §3). */
const clientCredentials = async (olympus: TestServer, clientId: string, key: SigningKey) => {
  const now = Math.floor(Date.now() / 1000);
  const assertion = await new SignJWT({})
    .setProtectedHeader({ alg: 'ES256', kid: key.kid })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(`${olympus.publicUrl}/oauth2/token`)
    .setIssuedAt(now)
    .setExpirationTime(now + 60)
    .setJti(randomUUID())
    .sign(key.privateKey);
  return tokenRequest(olympus.publicUrl, { grant_type: 'client_credentials', client_assertion_type: ASSERTION_TYPE, client_assertion: assertion });
};

const assertInvalidClient = (res: { status: number; body: Record<string, string> }, hint: RegExp): void => {
  assert.equal(res.status, 401, JSON.stringify(res.body));
  assert.equal(res.body.error, 'invalid_client');
  assert.match(res.body.error_hint, hint);
};

const guardOn = (privateIpExceptionUrls: string[]) => (config: OlympusConfig): OlympusConfig => ({
  ...config,
  clients: { http: { disallowPrivateIpRanges: true, privateIpExceptionUrls } },
});

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`private_key_jwt with jwks_uri (${kind})`, () => {
    const keyServer = new ClientKeyServer();
    let olympus: TestServer;
    let k1: SigningKey;
    before(async () => {
      await keyServer.start();
      k1 = await newKey('k1');
      olympus = await startTestServer(kind);
    });
    after(async () => {
      await olympus?.close();
      keyServer.close();
    });

    test('a client_credentials request is authenticated with keys fetched from jwks_uri', async () => {
      const clientId = await registerClient(olympus, keyServer.serveKeys('/basic/jwks.json', k1));
      const res = await clientCredentials(olympus, clientId, k1);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.token_type, 'bearer');
      assert.ok(res.body.access_token);
    });

    test('a key the client rotates in (new kid) is picked up without re-registering', async () => {
      const clientId = await registerClient(olympus, keyServer.serveKeys('/rotating/jwks.json', k1));
      assert.equal((await clientCredentials(olympus, clientId, k1)).status, 200);
      const k2 = await newKey('k2');
      keyServer.serveKeys('/rotating/jwks.json', k2);
      const res = await clientCredentials(olympus, clientId, k2);
      assert.equal(res.status, 200, JSON.stringify(res.body));
    });

    test('an assertion signed with a key the client never published is refused, naming the kid', async () => {
      const clientId = await registerClient(olympus, keyServer.serveKeys('/stranger/jwks.json', k1));
      const res = await clientCredentials(olympus, clientId, await newKey('stolen'));
      assertInvalidClient(res, /It names kid "stolen", which the client's jwks_uri "[^"]+" does not contain/);
    });

    for (const [name, answer, hint] of [
      ['a 500', { status: 500, body: '{"error":"down"}' }, /answered HTTP 500 instead of 200/],
      ['a body that is not JSON', { status: 200, body: '<html>keys</html>' }, /answered with a body that is not JSON/],
      ['JSON that is not a JWK Set', { status: 200, body: '{"keys":"k1"}' }, /answered with JSON that is not a JWK Set/],
      ['a body over 64 KiB', { status: 200, body: `{"keys":[],"pad":"${'x'.repeat(70 * 1024)}"}` }, /answered with more than 64 KiB/],
    ] as const) {
      test(`a jwks_uri answering ${name} is invalid_client with the cause in the hint`, async () => {
        const path = `/broken/${randomUUID()}`;
        keyServer.answers.set(path, answer);
        const clientId = await registerClient(olympus, `${keyServer.base}${path}`);
        assertInvalidClient(await clientCredentials(olympus, clientId, k1), new RegExp(`^The jwks_uri "[^"]+" of client "${clientId}" ${hint.source}`));
      });
    }
  });

  describe(`the SSRF guard on jwks_uri (clients.http.disallow_private_ip_ranges on, ${kind})`, () => {
    const keyServer = new ClientKeyServer();
    let olympus: TestServer;
    let k1: SigningKey;
    let allowedUri: string;
    before(async () => {
      await keyServer.start();
      k1 = await newKey('k1');
      allowedUri = keyServer.serveKeys('/allowed/jwks.json', k1);
      keyServer.serveKeys('/other/jwks.json', k1);
      olympus = await startTestServer(kind, guardOn([allowedUri]));
    });
    after(async () => {
      await olympus?.close();
      keyServer.close();
    });

    test('a jwks_uri resolving to a private address is invalid_client naming the address and the setting', async () => {
      const clientId = await registerClient(olympus, 'https://10.0.0.5/jwks.json');
      assertInvalidClient(
        await clientCredentials(olympus, clientId, k1),
        /jwks_uri "https:\/\/10\.0\.0\.5\/jwks\.json" of client "[^"]+" resolves to 10\.0\.0\.5, a private address; Olympus refuses it \(clients\.http\.disallow_private_ip_ranges\)/,
      );
    });

    test('a loopback jwks_uri not listed as an exception is refused', async () => {
      const clientId = await registerClient(olympus, `${keyServer.base}/other/jwks.json`);
      assertInvalidClient(await clientCredentials(olympus, clientId, k1), /resolves to 127\.0\.0\.1, a loopback address; Olympus refuses it/);
    });

    test('a URL listed in private_ip_exception_urls is fetched', async () => {
      const clientId = await registerClient(olympus, allowedUri);
      const res = await clientCredentials(olympus, clientId, k1);
      assert.equal(res.status, 200, JSON.stringify(res.body));
    });
  });
}

/**
 * The jwks_uri fetcher against real local http servers: what it sends, what it accepts, and the SSRF
 * guard (clients.http.disallow_private_ip_ranges, private_ip_exception_urls), including that it
 * connects to the address it checked rather than resolving the name a second time.
 */
import { after, before, describe, mock, test } from 'node:test';
import assert from 'node:assert/strict';
import dns from 'node:dns';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { syncBuiltinESMExports } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { OlympusConfig } from '@olympus/config';
import { JwksUnavailable } from '@olympus/oauth2';
import { createJwksFetcher, JWKS_FETCH_LIMITS } from '../src/outbound/jwks-fetcher.ts';

const JWKS = { keys: [{ kty: 'EC', crv: 'P-256', kid: 'k1', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0' }] };

type Policy = Pick<OlympusConfig, 'dev' | 'clients'>;
const policy = (dev: boolean, disallowPrivateIpRanges: boolean, privateIpExceptionUrls: string[] = []): Policy => ({
  dev,
  clients: { http: { disallowPrivateIpRanges, privateIpExceptionUrls } },
});
const DEV = policy(true, false);
const PRODUCTION = policy(false, true);

let server: Server;
let base: string;
const seen: Array<{ path: string; headers: IncomingHttpHeaders }> = [];

before(async () => {
  server = createServer((req, res) => {
    seen.push({ path: req.url ?? '', headers: req.headers });
    const json = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    switch (req.url) {
      case '/jwks': return json(200, JWKS);
      case '/500': return json(500, { error: 'boom' });
      case '/redirect': return res.writeHead(302, { location: '/jwks' }).end();
      case '/html': return res.writeHead(200, { 'content-type': 'text/html' }).end('<html>keys</html>');
      case '/not-jwks': return json(200, { keys: 'k1' });
      // Chunked, so only the count of bytes read can stop it.
      case '/big': {
        res.writeHead(200, { 'content-type': 'application/json' });
        for (let i = 0; i < 70; i++) res.write(' '.repeat(1024));
        return res.end(JSON.stringify(JWKS));
      }
      case '/big-declared': return res.writeHead(200, { 'content-length': String(70 * 1024) }).end(' '.repeat(70 * 1024));
      case '/hang': return;
      default: return json(404, {});
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

const refused = async (promise: Promise<unknown>, message: RegExp) => {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof JwksUnavailable, `expected JwksUnavailable, got ${String(err)}`);
    assert.match(err.message, message);
    return true;
  });
};

describe('fetching a JWK Set (dev, http loopback allowed)', () => {
  test('returns the JWK Set and asks for JSON', async () => {
    assert.deepEqual(await createJwksFetcher(DEV)(`${base}/jwks`), JWKS);
    assert.equal(seen.at(-1)?.headers.accept, 'application/json');
  });

  test('a non-200 answer is refused with its status', async () => {
    await refused(createJwksFetcher(DEV)(`${base}/500`), /^answered HTTP 500 instead of 200$/);
  });

  test('a redirect is not followed', async () => {
    const before = seen.length;
    await refused(createJwksFetcher(DEV)(`${base}/redirect`), /^redirects \(HTTP 302 to \/jwks\); Olympus follows no redirects/);
    assert.deepEqual(seen.slice(before).map((r) => r.path), ['/redirect']);
  });

  test('a body that is not JSON, or JSON that is not a JWK Set, is refused', async () => {
    await refused(createJwksFetcher(DEV)(`${base}/html`), /^answered with a body that is not JSON/);
    await refused(createJwksFetcher(DEV)(`${base}/not-jwks`), /^answered with JSON that is not a JWK Set/);
  });

  test('a body over 64 KiB is refused, declared or not', async () => {
    assert.equal(JWKS_FETCH_LIMITS.maxBytes, 64 * 1024);
    await refused(createJwksFetcher(DEV)(`${base}/big`), /^answered with more than 64 KiB/);
    await refused(createJwksFetcher(DEV)(`${base}/big-declared`), /^answered with more than 64 KiB/);
  });

  test('a server that does not answer in time is refused (deadline shortened for the test)', async () => {
    assert.equal(JWKS_FETCH_LIMITS.timeoutMs, 3000);
    await refused(createJwksFetcher(DEV, { timeoutMs: 200, maxBytes: 1024 })(`${base}/hang`), /^did not answer within 0\.2 s$/);
  });

  test('a closed port is refused as unreachable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await refused(createJwksFetcher(DEV)(`http://127.0.0.1:${port}/jwks`), /^could not be reached \(ECONNREFUSED\)$/);
  });
});

describe('scheme and SSRF guard', () => {
  test('http is refused for hosts that are not loopback, even with --dev', async () => {
    await refused(createJwksFetcher(DEV)('http://keys.example/jwks'), /^uses http, which Olympus fetches only from loopback hosts/);
  });

  test('outside --dev, http to loopback needs private addresses to be allowed', async () => {
    await refused(createJwksFetcher(PRODUCTION)(`${base}/jwks`), /^uses http, which Olympus fetches from loopback hosts only with --dev/);
  });

  test('an exception URL may be fetched over loopback http with the guard on', async () => {
    assert.deepEqual(await createJwksFetcher(policy(false, true, [`${base}/jwks`]))(`${base}/jwks`), JWKS);
    await refused(createJwksFetcher(policy(false, true, [`${base}/jwks`]))(`${base}/500`), /^uses http/);
  });

  test('with --dev and the guard turned on, loopback is refused by the guard', async () => {
    await refused(createJwksFetcher(policy(true, true))(`${base}/jwks`), /^resolves to 127\.0\.0\.1, a loopback address; Olympus refuses it/);
  });

  for (const [url, address, kind] of [
    ['https://10.0.0.5/jwks', '10.0.0.5', 'a private'],
    ['https://192.168.1.20/jwks', '192.168.1.20', 'a private'],
    ['https://169.254.169.254/latest/meta-data', '169.254.169.254', 'a link-local'],
    ['https://100.64.1.1/jwks', '100.64.1.1', 'a CGNAT (shared address space)'],
    ['https://localhost/jwks', '127.0.0.1', 'a loopback'],
    ['https://[::1]/jwks', '::1', 'a loopback'],
    ['https://[fd00::5]/jwks', 'fd00::5', 'a private'],
    ['https://[::ffff:10.0.0.1]/jwks', '::ffff:a00:1', 'a private'],
    ['https://0.0.0.0/jwks', '0.0.0.0', 'an unspecified'],
  ] as const) {
    test(`${url} is refused: ${kind} address`, async () => {
      const escaped = address.replace(/[.:]/g, (c) => `\\${c}`);
      await refused(
        createJwksFetcher(PRODUCTION)(url),
        new RegExp(`^resolves to ${escaped}, ${kind.replace(/[()]/g, (c) => `\\${c}`)} address; Olympus refuses it \\(clients\\.http\\.disallow_private_ip_ranges\\)`),
      );
    });
  }

  test('the request connects to the address that was checked: a second DNS answer cannot rebind it', async () => {
    const port = new URL(base).port;
    // The checked answer is the listening loopback address; any later lookup would get 127.0.0.2, where nothing listens.
    const checked = mock.method(dns.promises, 'lookup', async () => [{ address: '127.0.0.1', family: 4 }]);
    const rebound = mock.method(dns, 'lookup', (_host: string, options: unknown, callback: (...args: unknown[]) => void) => {
      const cb = typeof options === 'function' ? (options as typeof callback) : callback;
      cb(null, [{ address: '127.0.0.2', family: 4 }]);
    });
    syncBuiltinESMExports();
    try {
      assert.deepEqual(await createJwksFetcher(DEV)(`http://localhost:${port}/jwks`), JWKS);
      assert.equal(checked.mock.callCount(), 1);
      assert.equal(rebound.mock.callCount(), 0);
    } finally {
      checked.mock.restore();
      rebound.mock.restore();
      syncBuiltinESMExports();
    }
  });

  test('a name that resolves to a private address among public ones is refused', async () => {
    const lookup = mock.method(dns.promises, 'lookup', async () => [{ address: '93.184.215.14', family: 4 }, { address: '10.1.2.3', family: 4 }]);
    syncBuiltinESMExports();
    try {
      await refused(createJwksFetcher(PRODUCTION)('https://keys.example/jwks'), /^resolves to 10\.1\.2\.3, a private address/);
    } finally {
      lookup.mock.restore();
      syncBuiltinESMExports();
    }
  });
});

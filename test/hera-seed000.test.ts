/**
 * Seed 000's trace of a first login, in real headless Chromium: the browser's network log of one
 * sign-in through an app whose client skips consent must show the eight stops, in order, each with
 * its status and Location — app → /oauth2/auth → Hera /login with the challenge → the identity
 * server's login flow and its form → the form POST → the accepted login challenge → /consent granted
 * without a screen → the app's callback with a code. The app then exchanges the code and the ID
 * token names the demo user. `olympus trace` given the login challenge of that URL lists the same
 * login as the tracer's stops, each recorded in the request Chromium logged for it (its X-Request-Id).
 * On SQLite and PostgreSQL, one Chromium for both.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import type { Browser } from 'playwright-core';
import { DEMO_EMAIL, DEMO_PASSWORD, ensureDemoIdentity } from '@olympus/server';
import { launchBrowser, newPage, redirectChain, type NetworkHop, type TracedPage } from './support/chromium.ts';
import { authorizeUrl, createClient, pkcePair, tokenRequest } from './support/flow.ts';
import { freePort, startTestServer, type TestServer } from './support/server.ts';
import { runOlympus } from './support/trace-cli.ts';

/** What one hop must look like: method, status, where it was and where it sends the browser next. */
interface ExpectedHop {
  step: string;
  method: 'GET' | 'POST';
  status: number | readonly number[];
  /** Origin + path of the hop, and the query parameters it must carry. */
  at: { origin: string; path: string; query?: readonly string[] };
  /** Origin + path of the Location header and the query parameters it must carry; none for a final 200. */
  to?: { origin: string; path: string; query: readonly string[] };
}

const matches = (url: string, want: { origin: string; path: string; query?: readonly string[] }): boolean => {
  const u = new URL(url);
  return u.origin === want.origin && u.pathname === want.path && (want.query ?? []).every((q) => u.searchParams.get(q));
};

const describeHop = (hop: NetworkHop): string => `${hop.method} ${hop.status} ${hop.url}${hop.location ? ` → ${hop.location}` : ''}`;

const assertChain = (hops: NetworkHop[], expected: readonly ExpectedHop[]): void => {
  const log = hops.map(describeHop).join('\n');
  assert.equal(hops.length, expected.length, `the chain has ${expected.length} hops:\n${log}`);
  expected.forEach((want, i) => {
    const hop = hops[i];
    const where = `hop ${i + 1} (${want.step}):\n${describeHop(hop)}\nwhole chain:\n${log}`;
    assert.equal(hop.method, want.method, where);
    assert.ok(([] as number[]).concat(want.status).includes(hop.status), `status ${hop.status} — ${where}`);
    assert.ok(matches(hop.url, want.at), `request URL — ${where}`);
    if (want.to) {
      assert.ok(hop.location, `a Location header — ${where}`);
      assert.ok(matches(new URL(hop.location, hop.url).toString(), want.to), `Location — ${where}`);
    } else assert.equal(hop.location, null, where);
  });
};

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

for (const kind of ['sqlite', 'postgres'] as const) describe(`seed 000: the network log of a first login through Hera (${kind})`, () => {
  let olympus: TestServer;
  let app: Server;
  let appOrigin: string;
  let clientId: string;
  let traced: TracedPage;
  /** The app's pending requests (state → PKCE verifier) and the tokens its callback obtained. */
  const pending = new Map<string, string>();
  const obtained: Array<Record<string, string>> = [];
  /** The X-Request-Id of each token exchange the app made (server to server, so not in Chromium's log). */
  const exchangeRequestIds: string[] = [];
  /** Both legs of the first login, as Chromium logged them. */
  let hops: NetworkHop[] = [];

  /** A minimal relying party: /login starts Authorization Code + PKCE, /callback redeems the code. */
  const appHandler = async (url: URL): Promise<{ status: number; location?: string }> => {
    if (url.pathname === '/login') {
      const { verifier, challenge } = pkcePair();
      const state = `state-${pending.size + 1}-${kind}`;
      pending.set(state, verifier);
      const location = authorizeUrl(olympus.publicUrl, {
        client_id: clientId, response_type: 'code', redirect_uri: `${appOrigin}/callback`, scope: 'openid email profile',
        state, code_challenge: challenge, code_challenge_method: 'S256',
      });
      return { status: 302, location };
    }
    const verifier = pending.get(url.searchParams.get('state') ?? '');
    const code = url.searchParams.get('code');
    if (url.pathname !== '/callback' || !verifier || !code) return { status: 400 };
    const token = await tokenRequest(olympus.publicUrl, {
      grant_type: 'authorization_code', code, redirect_uri: `${appOrigin}/callback`, client_id: clientId, code_verifier: verifier,
    });
    exchangeRequestIds.push(token.headers.get('x-request-id') ?? '');
    if (token.status !== 200) return { status: 502 };
    obtained.push(token.body);
    return { status: 200 };
  };

  before(async () => {
    olympus = await startTestServer(kind);
    await ensureDemoIdentity(olympus.server.identity);
    const port = await freePort();
    appOrigin = `http://127.0.0.1:${port}`;
    app = createServer((req, res) => {
      appHandler(new URL(req.url ?? '/', appOrigin)).then(({ status, location }) => {
        if (location) res.writeHead(status, { location }).end();
        else res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><html lang="en"><title>App</title><h1>App</h1></html>');
      }, () => res.writeHead(500).end());
    });
    await new Promise<void>((resolve) => app.listen(port, '127.0.0.1', resolve));
    ({ client_id: clientId } = await createClient(olympus.adminUrl, {
      client_name: 'Trusted app',
      skip_consent: true,
      token_endpoint_auth_method: 'none',
      redirect_uris: [`${appOrigin}/callback`],
      scope: 'openid email profile',
      grant_types: ['authorization_code'],
      response_types: ['code'],
    }));
    traced = await newPage(browser);
  });
  after(async () => {
    await traced?.close();
    await new Promise((resolve) => app?.close(resolve));
    await olympus?.close();
  });

  test('the first login walks the eight stops with the expected status and Location at each hop', async () => {
    const { page, network } = traced;
    const hera = olympus.publicUrl;
    const app = appOrigin;

    // Stops 1–4: one navigation, from the app's sign-in link to the rendered login form.
    const formResponse = await page.goto(`${app}/login`);
    assert.ok(formResponse, 'the navigation ended in a response');
    const firstLeg = await redirectChain(formResponse.request());
    assertChain(firstLeg, [
      { step: '1. the app sends the browser to the authorization endpoint', method: 'GET', status: 302,
        at: { origin: app, path: '/login' }, to: { origin: hera, path: '/oauth2/auth', query: ['client_id', 'code_challenge', 'state'] } },
      { step: '2. the OAuth2 server creates a login challenge and hands it to Hera', method: 'GET', status: 302,
        at: { origin: hera, path: '/oauth2/auth', query: ['client_id'] }, to: { origin: hera, path: '/login', query: ['login_challenge'] } },
      { step: '3. Hera finds no session and starts the identity login flow for the challenge', method: 'GET', status: 303,
        at: { origin: hera, path: '/login', query: ['login_challenge'] }, to: { origin: hera, path: '/self-service/login/browser', query: ['login_challenge'] } },
      { step: '4a. the identity server creates the flow and sends the browser to its UI', method: 'GET', status: 303,
        at: { origin: hera, path: '/self-service/login/browser', query: ['login_challenge'] }, to: { origin: hera, path: '/login', query: ['flow'] } },
      { step: '4b. Hera renders the flow\'s login form', method: 'GET', status: 200, at: { origin: hera, path: '/login', query: ['flow'] } },
    ]);
    assert.equal(await page.locator('form[method="post"] input[name="identifier"]').count(), 1, 'the login form is on the page');

    // Stops 5–8: the form POST and every redirect up to the app's callback.
    await page.locator('input[name="identifier"]').fill(DEMO_EMAIL);
    await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
    const [callbackResponse] = await Promise.all([
      page.waitForResponse((r) => r.url().startsWith(`${app}/callback`)),
      page.locator('button[name="method"][value="password"]').click(),
    ]);
    const secondLeg = await redirectChain(callbackResponse.request());
    assertChain(secondLeg, [
      { step: '5. the identity server checks the password and returns to the OAuth2 server with the login verifier', method: 'POST', status: 303,
        at: { origin: hera, path: '/self-service/login', query: ['flow'] }, to: { origin: hera, path: '/oauth2/auth', query: ['login_verifier'] } },
      { step: '6. the login challenge is accepted; the OAuth2 server asks Hera for consent', method: 'GET', status: [302, 303],
        at: { origin: hera, path: '/oauth2/auth', query: ['login_verifier'] }, to: { origin: hera, path: '/consent', query: ['consent_challenge'] } },
      { step: '7a. Hera grants consent at once for a skip_consent client, no screen', method: 'GET', status: 303,
        at: { origin: hera, path: '/consent', query: ['consent_challenge'] }, to: { origin: hera, path: '/oauth2/auth', query: ['consent_verifier'] } },
      { step: '7b. the OAuth2 server issues the code and redirects to the registered callback', method: 'GET', status: 302,
        at: { origin: hera, path: '/oauth2/auth', query: ['consent_verifier'] }, to: { origin: app, path: '/callback', query: ['code', 'state', 'iss'] } },
      { step: '8. the app\'s callback receives the code and redeems it', method: 'GET', status: 200, at: { origin: app, path: '/callback', query: ['code'] } },
    ]);

    hops = [...firstLeg, ...secondLeg];
    // Chromium's own network log holds the same hops in the same order (assets aside).
    const documents = network.filter((hop) => !new URL(hop.url).pathname.startsWith('/hera/assets/')).map(describeHop);
    assert.deepEqual(documents, [...firstLeg, ...secondLeg].map(describeHop));

    // RFC 9207: the callback names the issuer; the app's exchange yielded a verifiable ID token.
    const callback = new URL(secondLeg.at(-1)!.url);
    assert.equal(callback.searchParams.get('iss'), olympus.config.urls.issuer);
    assert.equal(obtained.length, 1, 'the app redeemed the code');
    const demo = await olympus.server.identity.storage.identities.findByCredentialIdentifier('password', DEMO_EMAIL);
    const jwks = createRemoteJWKSet(new URL(`${olympus.publicUrl}/.well-known/jwks.json`));
    const { payload } = await jwtVerify(obtained[0].id_token, jwks, { issuer: olympus.config.urls.issuer, audience: clientId });
    assert.equal(payload.sub, demo!.id);
    assert.equal(payload.email, DEMO_EMAIL);
    assert.equal(typeof payload.iat, 'number');
    assert.ok(typeof payload.exp === 'number' && payload.exp > payload.iat!, 'exp lies after iat');
    assert.deepEqual(([] as string[]).concat(payload.aud ?? []), [clientId]);
  });

  test('olympus trace <the login challenge in the URL> lists the eight stops and the token exchange in order, each in the hop Chromium logged', async () => {
    assert.ok(hops.length === 10, 'the first test walked the login');
    const challenge = new URL(hops[1]!.location!, olympus.publicUrl).searchParams.get('login_challenge')!;
    await olympus.server.traces!.flush();
    const text = await runOlympus(['trace', challenge], olympus.adminUrl);
    assert.equal(text.code, 0, text.stderr);
    const listed = [...text.stdout.matchAll(/^ {2}(\d+)\. (\S+)\s+(\S+)\s+\d\d:\d\d:\d\d\.\d{3}\s+\d+ ms$/gm)].map((m) => `${m[1]} ${m[2]} ${m[3]}`);
    assert.deepEqual(listed, [
      '1 authorize ok', '2 login_request ok', '3 login_flow_created ok', '4 login_submitted ok', '5 login_accepted ok',
      '6 consent_shown ok', '7 consent_decided ok', '8 code_issued ok', '9 token_exchange ok',
    ], text.stdout);
    assert.doesNotMatch(text.stdout, /✖/);

    // Hop by hop: each stop was recorded in the request Chromium shows for it (hop numbers as in the test above).
    const json = await runOlympus(['trace', challenge, '--format', 'json'], olympus.adminUrl);
    const [trace] = (JSON.parse(json.stdout) as { traces: { events: { stop: string; request_id: string | null }[] }[] }).traces;
    const hopOfStop: Record<string, string | null> = {
      authorize: hops[1]!.requestId, login_request: hops[2]!.requestId, login_flow_created: hops[3]!.requestId,
      login_submitted: hops[5]!.requestId, login_accepted: hops[5]!.requestId, consent_shown: hops[6]!.requestId,
      consent_decided: hops[7]!.requestId, code_issued: hops[8]!.requestId, token_exchange: exchangeRequestIds[0]!,
    };
    assert.ok(Object.values(hopOfStop).every((id) => typeof id === 'string' && id.length > 0), 'every hop named its request');
    assert.deepEqual(trace!.events.map((e) => [e.stop, e.request_id]), Object.entries(hopOfStop));
  });
});

/**
 * The playground's token inspector and client credentials page (docs/playground.md) on a real
 * server, on SQLite and PostgreSQL: a real ID token from a login passes every check, a tampered,
 * foreign or expired one says exactly why not; the client credentials grant succeeds, and a wrong
 * secret or authentication method is explained with its troubleshooting page; no secret or pasted
 * token reaches a page it should not or any log line. Both pages in Chromium without JavaScript, and
 * at 320 px in English and German with zero axe-core violations.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { generateKeyPair, SignJWT } from 'jose';
import type { Browser, Page } from 'playwright-core';
import { KEY_SETS } from '@olympus/oauth2';
import { checkAccessibility, describeViolations, launchBrowser, screenshot } from './support/chromium.ts';
import { createClient } from './support/flow.ts';
import { jwtPayload, obtainTokens } from './support/security.ts';
import { startTestServer, type TestServer } from './support/server.ts';

const REDIRECT = 'http://127.0.0.1:9/tools-callback';
const WEB = { client_id: 'tools-web', client_secret: 'tools-web-secret-0123456789abcdef' };
const MACHINE = { client_id: 'tools-machine', client_secret: 'tools-machine-secret-0123456789abc' };
const POSTER = { client_id: 'tools-poster', client_secret: 'tools-poster-secret-0123456789abcd' };
const NO_CC = { client_id: 'tools-no-cc', client_secret: 'tools-no-cc-secret-0123456789abcdef' };
const WRONG_SECRET = 'not-the-secret-0123456789abcdefghij';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => browser?.close());

const statusOf = (page: string, check: string): string | undefined => page.match(new RegExp(`data-check="${check}" data-status="(\\w+)"`))?.[1];

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`Playground inspector and client credentials (${kind})`, () => {
    let olympus: TestServer;
    let idToken: string;
    const pages: string[] = [];

    const post = async (path: string, form: Record<string, string>, language = 'en'): Promise<{ status: number; body: string }> => {
      const res = await fetch(`${olympus.publicUrl}${path}`, {
        method: 'POST', body: new URLSearchParams(form), headers: { 'accept-language': language }, redirect: 'manual',
      });
      const body = await res.text();
      pages.push(body);
      return { status: res.status, body };
    };
    const inspect = (token: string, language?: string) => post('/playground/inspect', { token }, language);

    before(async () => {
      olympus = await startTestServer(kind);
      await createClient(olympus.adminUrl, {
        ...WEB, redirect_uris: [REDIRECT], grant_types: ['authorization_code'], response_types: ['code'], scope: 'openid', token_endpoint_auth_method: 'client_secret_basic',
      });
      await createClient(olympus.adminUrl, { ...MACHINE, grant_types: ['client_credentials'], scope: 'read write', audience: ['https://api.example'] });
      await createClient(olympus.adminUrl, { ...POSTER, grant_types: ['client_credentials'], token_endpoint_auth_method: 'client_secret_post' });
      await createClient(olympus.adminUrl, { ...NO_CC, redirect_uris: [REDIRECT], grant_types: ['authorization_code'], response_types: ['code'] });
      idToken = String((await obtainTokens(olympus, WEB, REDIRECT, 'openid')).id_token);
    });
    after(async () => olympus?.close());

    test('a real ID token from a login: every check passes, and the audience names the client', async () => {
      const { status, body } = await inspect(idToken);
      assert.equal(status, 200);
      assert.doesNotMatch(body, /data-status="failed"/);
      for (const check of ['signature', 'alg', 'iss', 'aud', 'exp', 'iat']) assert.equal(statusOf(body, check), 'ok', check);
      assert.match(body, /aud names tools-web, a client registered on this server\./);
      assert.match(body, /Looks like an ID token/);
      assert.match(body, /No check failed: 6 passed\./);
    });

    test('a tampered ID token fails its signature and says it was changed after signing', async () => {
      const [header, , signature] = idToken.split('.');
      const changed = Buffer.from(JSON.stringify({ ...jwtPayload(idToken), sub: 'someone-else' })).toString('base64url');
      const { body } = await inspect(`${header}.${changed}.${signature}`);
      assert.equal(statusOf(body, 'signature'), 'failed');
      assert.match(body, /does not verify the signature: the header or payload was changed after signing \(tampered\)/);
      assert.equal(statusOf(body, 'iss'), 'ok');
    });

    test('a token from another issuer, signed by a key made here: unknown kid and the wrong iss', async () => {
      const { privateKey } = await generateKeyPair('ES256');
      const foreign = await new SignJWT({ sub: 'u', aud: WEB.client_id }).setProtectedHeader({ alg: 'ES256', kid: 'elsewhere-key' })
        .setIssuer('https://elsewhere.example').setIssuedAt().setExpirationTime('5m').sign(privateKey);
      const { body } = await inspect(foreign);
      assert.equal(statusOf(body, 'signature'), 'failed');
      assert.match(body, /No key with kid &quot;elsewhere-key&quot; in this server&#39;s JWKS/);
      assert.equal(statusOf(body, 'iss'), 'failed');
      assert.match(body, /iss is https:\/\/elsewhere\.example, but this server&#39;s issuer is/);
    });

    test('an expired token this server signed fails exp only, and says when it expired', async () => {
      const { kid, alg, key } = await olympus.server.ctx.keys.signingKey(KEY_SETS.idToken);
      const now = Math.floor(Date.now() / 1000);
      const expired = await new SignJWT({ sub: 'u', aud: [WEB.client_id], sid: 's' }).setProtectedHeader({ alg, kid })
        .setIssuer(olympus.config.urls.issuer).setIssuedAt(now - 7200).setExpirationTime(now - 3600).sign(key);
      const { body } = await inspect(expired);
      assert.deepEqual([...body.matchAll(/data-check="(\w+)" data-status="failed"/g)].map((m) => m[1]), ['exp']);
      assert.match(body, /Expired \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(1 hr\. ago\): no longer valid\./);
    });

    test('an opaque token is called opaque; German texts in German', async () => {
      const { body } = await inspect('ory_at_something.opaque', 'de');
      assert.match(body, /<html lang="de">/);
      assert.match(body, /Opak: ein ory_…-Token ist eine zufällige Referenz/);
    });

    test('client credentials (client_secret_basic): the exchange redacted, the token shown and checked, its trace', async () => {
      const { status, body } = await post('/playground/client-credentials', { client_id: MACHINE.client_id, client_secret: MACHINE.client_secret, scope: 'read', audience: 'https://api.example' });
      assert.equal(status, 200);
      assert.match(body, /The token endpoint issued an access token\./);
      assert.match(body, /authorization: Basic \[redacted\]/);
      assert.match(body, /grant_type=client_credentials&amp;scope=read&amp;audience=https%3A%2F%2Fapi\.example/);
      assert.match(body, /olympus trace [\w-]+/);
      assert.match(body, /Opaque: an ory_… token is a random reference|data-check="signature" data-status="ok"/);
      assert.match(body, /data-check="opaque" data-status="not_applicable"|data-check="exp" data-status="ok"/);
      assert.match(body, /<input type="text" id="client_id" name="client_id" value="tools-machine"/);
      assert.match(body, /<input type="password" id="client_secret" name="client_secret" value=""/);
    });

    test('client_secret_post: client_id and the redacted secret in the body', async () => {
      const { body } = await post('/playground/client-credentials', { client_id: POSTER.client_id, client_secret: POSTER.client_secret, auth_method: 'client_secret_post' });
      assert.match(body, /The token endpoint issued an access token\./);
      assert.match(body, /client_id=tools-poster&amp;client_secret=\[redacted\]/);
      assert.match(body, /value="client_secret_post" aria-describedby="auth-client_secret_post-hint" checked/);
    });

    test('a wrong secret: invalid_client, what causes it and its troubleshooting page', async () => {
      const { body } = await post('/playground/client-credentials', { client_id: MACHINE.client_id, client_secret: WRONG_SECRET });
      assert.match(body, /The token endpoint refused/);
      assert.match(body, /<code>invalid_client<\/code>/);
      assert.match(body, new RegExp(`href="${olympus.publicUrl}/docs/troubleshooting/invalid_client"`));
      assert.match(body, /Status <span class="fail">401<\/span>/);
    });

    test('the wrong authentication method: invalid_client, and the server names the registered method', async () => {
      const { body } = await post('/playground/client-credentials', { client_id: POSTER.client_id, client_secret: POSTER.client_secret, auth_method: 'client_secret_basic' });
      assert.match(body, /<code>invalid_client<\/code>/);
      assert.match(body, /registered with client_secret_post but the request used client_secret_basic/);
    });

    test('a client without client_credentials: the refusal with its troubleshooting page', async () => {
      const { body } = await post('/playground/client-credentials', { client_id: NO_CC.client_id, client_secret: NO_CC.client_secret });
      const code = body.match(/<code>(\w+)<\/code>: /)?.[1];
      assert.ok(code === 'unauthorized_client' || code === 'unsupported_grant_type' || code === 'invalid_grant', `refused with ${code}`);
      assert.match(body, new RegExp(`/docs/troubleshooting/${code}"`));
    });

    test('no secret in any page, and neither a secret nor a pasted token in any log line', () => {
      const secrets = [MACHINE.client_secret, POSTER.client_secret, NO_CC.client_secret, WRONG_SECRET];
      for (const page of pages) for (const secret of secrets) assert.ok(!page.includes(secret), 'a secret in a page');
      const logText = olympus.logs.map((line) => JSON.stringify(line)).join('\n');
      for (const secret of [...secrets, idToken.split('.')[2]!, 'ory_at_something.opaque']) assert.ok(!logText.includes(secret), `logged: ${secret.slice(0, 12)}…`);
    });

    /** Both pages as a person uses them: paste a token and inspect it; a wrong secret, then the right one. */
    const walkBothPages = async (page: Page, checkpoint: (name: string) => Promise<void>) => {
      await page.goto(`${olympus.publicUrl}/playground/inspect`);
      await page.locator('#token').fill(idToken);
      await page.locator('form button[type=submit]').click();
      await page.waitForSelector('[data-check="signature"]');
      assert.equal(await page.locator('[data-status="failed"]').count(), 0);
      await checkpoint('inspect');
      await page.goto(`${olympus.publicUrl}/playground/client-credentials`);
      await page.locator('#client_id').fill(MACHINE.client_id);
      await page.locator('#client_secret').fill(WRONG_SECRET);
      await page.locator('form button[type=submit]').click();
      await page.waitForSelector('[role=alert]');
      await checkpoint('client-credentials-refused');
      await page.locator('#client_secret').fill(MACHINE.client_secret);
      await page.locator('form button[type=submit]').click();
      await page.waitForSelector('p.ok[role=status]');
      assert.equal(await page.locator('#client_secret').inputValue(), '', 'the secret is not put back into the form');
      await checkpoint('client-credentials');
    };

    test('Chromium without JavaScript: both pages work by forms alone', async () => {
      const context = await browser.newContext({ javaScriptEnabled: false });
      try {
        await walkBothPages(await context.newPage(), async () => {});
      } finally {
        await context.close();
      }
    });

    test('Chromium at 320 px, English and German: no horizontal scroll, zero axe-core violations, screenshots', async () => {
      for (const locale of ['en-US', 'de-DE']) {
        const context = await browser.newContext({ locale, viewport: { width: 320, height: 720 } });
        try {
          const page = await context.newPage();
          await walkBothPages(page, async (name) => {
            assert.equal(await page.locator('html').getAttribute('lang'), locale.slice(0, 2));
            const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
            assert.ok(scrollWidth <= clientWidth, `${name}: no horizontal scroll (${scrollWidth} > ${clientWidth})`);
            const violations = await checkAccessibility(page);
            assert.deepEqual(violations, [], `${name}: ${describeViolations(violations)}`);
            await screenshot(page, `playground-${kind}-${locale}-${name}`);
          });
        } finally {
          await context.close();
        }
      }
    });
  });
}

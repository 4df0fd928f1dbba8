/**
 * Findings of the OpenID Foundation's Basic OP plan, walked hop by hop with a cookie-jar browser:
 * an ID token after a remembered login (skip) carries the original authentication's acr and amr
 * (OIDC Core §2), and `login_hint` (OIDC Core §3.1.2.1) fills in the login form's identifier.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { decodeJwt } from 'jose';
import { DEMO_EMAIL, DEMO_PASSWORD } from '@olympus/server';
import { Browser } from './support/browser.ts';
import { authorizeUrl, pkcePair, tokenRequest } from './support/flow.ts';
import { signInUntilConsent, startWalk, type WalkTarget } from './support/hera-walk.ts';
import type { TestServer } from './support/server.ts';

const REDIRECT = 'http://127.0.0.1:9/callback';

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`remembered logins and login_hint (${kind})`, () => {
    let olympus: TestServer;
    let target: WalkTarget;

    before(async () => {
      ({ olympus, target } = await startWalk(kind, REDIRECT, { client_name: 'Conformance app', skip_consent: true }));
    });
    after(async () => olympus?.close());

    const idTokenAt = async (callback: string, verifier: string) => {
      const code = new URL(callback).searchParams.get('code');
      assert.ok(code, `the callback carries a code: ${callback}`);
      const tokens = await tokenRequest(olympus.publicUrl, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: target.clientId, code_verifier: verifier });
      assert.equal(tokens.status, 200, JSON.stringify(tokens.body));
      return decodeJwt(tokens.body.id_token!);
    };

    /** Follows redirects on the public origin until the app's callback. */
    const followToCallback = async (browser: Browser, location: string): Promise<string> => {
      let next = location;
      for (let hop = 0; hop < 8 && !next.startsWith(REDIRECT); hop++) {
        const answer = await browser.get(new URL(next, olympus.publicUrl).toString());
        assert.ok(answer.location, `hop ${hop} redirects: ${answer.status} ${answer.body.slice(0, 200)}`);
        next = answer.location;
      }
      assert.ok(next.startsWith(REDIRECT), `reached the callback: ${next}`);
      return next;
    };

    test('an ID token after a remembered login carries the acr and amr of the original sign-in', async () => {
      const browser = new Browser();
      const first = await signInUntilConsent(browser, target, DEMO_EMAIL, DEMO_PASSWORD);
      const firstClaims = await idTokenAt(await followToCallback(browser, first.consent.location!), first.verifier);
      assert.equal(firstClaims.acr, 'aal1');
      assert.deepEqual(firstClaims.amr, ['pwd']);

      const pkce = pkcePair();
      const again = await browser.get(authorizeUrl(olympus.publicUrl, {
        client_id: target.clientId, response_type: 'code', redirect_uri: REDIRECT, scope: target.scope, state: 'second-state',
        code_challenge: pkce.challenge, code_challenge_method: 'S256',
      }));
      assert.equal(again.status, 302);
      const hera = await browser.get(again.location!);
      assert.match(hera.location ?? '', /login_verifier=/, 'the remembered login is accepted without a form');
      const claims = await idTokenAt(await followToCallback(browser, hera.location!), pkce.verifier);
      assert.equal(claims.sub, firstClaims.sub);
      assert.equal(claims.acr, firstClaims.acr);
      assert.deepEqual(claims.amr, firstClaims.amr);
      assert.equal(claims.auth_time, firstClaims.auth_time, 'no new authentication happened');
    });

    test('login_hint fills in the identifier of the login form Hera shows', async () => {
      const browser = new Browser();
      const start = await browser.get(authorizeUrl(olympus.publicUrl, {
        client_id: target.clientId, response_type: 'code', redirect_uri: REDIRECT, scope: target.scope, state: 'hint-state',
        code_challenge: pkcePair().challenge, code_challenge_method: 'S256', login_hint: 'hinted.user@example.com',
      }));
      const hera = await browser.get(start.location!);
      const flowStart = await browser.get(new URL(hera.location!, olympus.publicUrl).toString());
      const page = await browser.get(new URL(flowStart.location!, olympus.publicUrl).toString());
      assert.equal(page.status, 200);
      assert.match(page.body, /<input[^>]*name="identifier"[^>]*value="hinted\.user@example\.com"/);
    });
  });
}

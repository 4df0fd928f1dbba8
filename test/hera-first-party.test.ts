/**
 * hera.first_party_clients: the operator's own apps get no consent screen (consent granted at once
 * with the requested scopes), while any other client still asks the user. Walked hop by hop with a
 * cookie-jar browser on both databases.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_EMAIL, DEMO_PASSWORD, ensureDemoIdentity } from '@olympus/server';
import { Browser } from './support/browser.ts';
import { authorizeUrl, createClient, pkcePair, tokenRequest } from './support/flow.ts';
import { startTestServer, type TestServer } from './support/server.ts';
import { decodeJwt } from 'jose';

const REDIRECT = 'http://127.0.0.1:9/callback';
const FIRST_PARTY = 'acme-web';

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`Hera consent for first-party clients (${kind})`, () => {
    let olympus: TestServer;
    let thirdParty: string;

    before(async () => {
      olympus = await startTestServer(kind, (c) => ({ ...c, hera: { ...c.hera, firstPartyClients: [FIRST_PARTY] } }));
      await ensureDemoIdentity(olympus.server.identity);
      const base = { token_endpoint_auth_method: 'none', redirect_uris: [REDIRECT], scope: 'openid email', grant_types: ['authorization_code'], response_types: ['code'] };
      await createClient(olympus.adminUrl, { ...base, client_id: FIRST_PARTY, client_name: 'Acme Web' });
      ({ client_id: thirdParty } = await createClient(olympus.adminUrl, { ...base, client_name: 'Some partner' }));
    });
    after(async () => olympus?.close());

    /** From /oauth2/auth through Hera's login page and the identity login flow to the consent hop. */
    const signInUntilConsent = async (browser: Browser, clientId: string) => {
      const pkce = pkcePair();
      const start = await browser.get(authorizeUrl(olympus.publicUrl, {
        client_id: clientId, response_type: 'code', redirect_uri: REDIRECT, scope: 'openid email', state: 'state-123456',
        code_challenge: pkce.challenge, code_challenge_method: 'S256',
      }));
      assert.equal(start.status, 302);
      const hera = await browser.get(start.location!);
      assert.equal(hera.status, 303, 'Hera hands over to the identity login flow');
      const flowStart = await browser.get(new URL(hera.location!, olympus.publicUrl).toString());
      const flowId = new URL(flowStart.location!, olympus.publicUrl).searchParams.get('flow');
      assert.ok(flowId, `a login flow was created: ${flowStart.location}`);
      const flow = JSON.parse((await browser.request(`${olympus.publicUrl}/self-service/login/flows?id=${flowId}`, { headers: { accept: 'application/json' } })).body);
      const csrf = flow.ui.nodes.find((n: { attributes: { name?: string } }) => n.attributes.name === 'csrf_token').attributes.value as string;
      const submitted = await browser.request(`${olympus.publicUrl}/self-service/login?flow=${flowId}`, {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ method: 'password', identifier: DEMO_EMAIL, password: DEMO_PASSWORD, csrf_token: csrf }),
      });
      assert.equal(submitted.status, 303, submitted.body);
      const verified = await browser.get(submitted.location!);
      assert.equal(verified.status, 302);
      assert.match(verified.location!, /\/consent\?consent_challenge=/);
      return { consent: await browser.get(verified.location!), verifier: pkce.verifier };
    };

    test('a first-party client: consent granted without a screen, the code carries the requested email claim', async () => {
      const browser = new Browser();
      const { consent, verifier } = await signInUntilConsent(browser, FIRST_PARTY);
      assert.equal(consent.status, 303, 'no consent page is rendered');
      const back = await browser.get(consent.location!);
      assert.equal(back.status, 302);
      const callback = new URL(back.location!);
      assert.equal(callback.origin + callback.pathname, REDIRECT);
      const code = callback.searchParams.get('code');
      assert.ok(code, `the callback has a code: ${back.location}`);
      const tokens = await tokenRequest(olympus.publicUrl, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: FIRST_PARTY, code_verifier: verifier });
      assert.equal(tokens.status, 200, JSON.stringify(tokens.body));
      assert.equal(decodeJwt(tokens.body.id_token).email, DEMO_EMAIL);
    });

    test('any other client still shows the consent screen', async () => {
      const { consent } = await signInUntilConsent(new Browser(), thirdParty);
      assert.equal(consent.status, 200);
      assert.match(consent.body, /Some partner/);
      assert.match(consent.body, /name="decision" value="allow"/);
    });
  });
}

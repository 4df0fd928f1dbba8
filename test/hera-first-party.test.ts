/**
 * hera.first_party_clients: the operator's own apps get no consent screen (consent granted at once
 * with the requested scopes), while any other client still asks the user. Walked hop by hop with a
 * cookie-jar browser on both databases.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_EMAIL, DEMO_PASSWORD, ensureDemoIdentity } from '@olympus/server';
import { Browser } from './support/browser.ts';
import { createClient, tokenRequest } from './support/flow.ts';
import { signInUntilConsent, type WalkTarget } from './support/hera-walk.ts';
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

    const target = (clientId: string): WalkTarget => ({ publicUrl: olympus.publicUrl, clientId, redirectUri: REDIRECT, scope: 'openid email' });

    test('a first-party client: consent granted without a screen, the code carries the requested email claim', async () => {
      const browser = new Browser();
      const { consent, verifier } = await signInUntilConsent(browser, target(FIRST_PARTY), DEMO_EMAIL, DEMO_PASSWORD);
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
      const { consent } = await signInUntilConsent(new Browser(), target(thirdParty), DEMO_EMAIL, DEMO_PASSWORD);
      assert.equal(consent.status, 200);
      assert.match(consent.body, /Some partner/);
      assert.match(consent.body, /name="decision" value="allow"/);
    });
  });
}

/**
 * The flow tracer's first recorded stops against a real server on both databases
 * (docs/operations/tracing.md): a happy authorization is one trace from /oauth2/auth to the token
 * exchange, a refused login names its cause with the CSRF evidence, and no stored event holds a
 * password, code, verifier, token or cookie value of the run (docs/security.md AS-50).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO_EMAIL, DEMO_PASSWORD, ensureDemoIdentity } from '@olympus/server';
import { createTraceStore } from '@olympus/storage';
import type { TraceEvent } from '@olympus/trace';
import { Browser } from './support/browser.ts';
import { authorizeUrl, createClient, pkcePair, tokenRequest } from './support/flow.ts';
import { signInAt, signInUntilConsent, startAtHera, type WalkTarget } from './support/hera-walk.ts';
import { startTestServer, type TestServer } from './support/server.ts';

const REDIRECT = 'http://127.0.0.1:9/callback';
const FIRST_PARTY = 'trace-web';

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`trace events (${kind})`, () => {
    let olympus: TestServer;
    let target: WalkTarget;

    before(async () => {
      olympus = await startTestServer(kind, (c) => ({ ...c, hera: { ...c.hera, firstPartyClients: [FIRST_PARTY] } }));
      await ensureDemoIdentity(olympus.server.identity);
      await createClient(olympus.adminUrl, {
        client_id: FIRST_PARTY, client_name: 'Trace Web', token_endpoint_auth_method: 'none', redirect_uris: [REDIRECT],
        scope: 'openid email offline_access', grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'],
      });
      target = { publicUrl: olympus.publicUrl, clientId: FIRST_PARTY, redirectUri: REDIRECT, scope: 'openid email offline_access' };
    });
    after(async () => olympus?.close());

    const stored = async (): Promise<TraceEvent[]> => {
      await olympus.server.traces!.flush();
      return createTraceStore(olympus.server.db).listRecent({ limit: 1000 });
    };
    const chainOf = async (traceId: string): Promise<TraceEvent[]> => {
      await olympus.server.traces!.flush();
      return createTraceStore(olympus.server.db).listByTrace(traceId);
    };

    test('AS-50: a happy authorization is one trace (authorize, login submitted, code issued, token exchange, refresh), and no event holds a secret of the run', async () => {
      const browser = new Browser();
      const { consent, verifier } = await signInUntilConsent(browser, target, DEMO_EMAIL, DEMO_PASSWORD);
      const back = await browser.get(consent.location!);
      const code = new URL(back.location!).searchParams.get('code')!;
      assert.ok(code, back.location ?? '');
      const tokens = await tokenRequest(olympus.publicUrl, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: FIRST_PARTY, code_verifier: verifier });
      assert.equal(tokens.status, 200, JSON.stringify(tokens.body));
      const refreshed = await tokenRequest(olympus.publicUrl, { grant_type: 'refresh_token', refresh_token: tokens.body.refresh_token!, client_id: FIRST_PARTY });
      assert.equal(refreshed.status, 200, JSON.stringify(refreshed.body));

      const all = await stored();
      const authorize = all.find((e) => e.stop === 'authorize' && e.clientId === FIRST_PARTY && e.outcome === 'ok');
      assert.ok(authorize, 'stop 1 was recorded');
      const chain = await chainOf(authorize.traceId);
      assert.deepEqual(chain.map((e) => `${e.stop}:${e.outcome}`), [
        'authorize:ok', 'login_request:ok', 'login_flow_created:ok', 'login_submitted:ok', 'login_accepted:ok', 'consent_shown:ok', 'consent_decided:ok',
        'code_issued:ok', 'token_exchange:ok', 'refresh:ok',
      ]);
      const [auth, login, issued, exchange] = ['authorize', 'login_submitted', 'code_issued', 'token_exchange'].map((stop) => chain.find((e) => e.stop === stop)!) as [TraceEvent, TraceEvent, TraceEvent, TraceEvent];
      assert.deepEqual(auth.evidence.registered_redirect_uris, [REDIRECT]);
      assert.equal(auth.evidence.redirect_uri_sent, REDIRECT);
      assert.deepEqual(auth.evidence.requested_scopes, ['openid', 'email', 'offline_access']);
      assert.equal(login.evidence.method, 'password');
      assert.deepEqual(login.evidence.csrf, { cookie_present: true, token_present: true, equal: true });
      assert.equal(login.evidence.aal_required, 'aal1');
      assert.equal(login.evidence.aal_reached, 'aal1');
      assert.ok(login.identityId);
      assert.equal(issued.identityId, login.identityId);
      assert.equal(exchange.evidence.grant_type, 'authorization_code');
      assert.equal(exchange.evidence.registered_auth_method, 'none');
      assert.equal(exchange.evidence.attempted_auth_method, 'none');
      for (const e of chain) assert.equal(e.schemaVersion, 1);

      const secrets = [
        DEMO_PASSWORD, code, verifier, tokens.body.access_token, tokens.body.refresh_token, tokens.body.id_token,
        refreshed.body.access_token, refreshed.body.refresh_token, ...[...browser.jar.values()].map((c) => c.value).filter((v) => v.length >= 8),
      ].filter((s): s is string => typeof s === 'string' && s !== '');
      assert.ok(secrets.length >= 8, 'the run produced its secrets and cookies');
      const text = JSON.stringify(all);
      for (const secret of secrets) assert.ok(!text.includes(secret), `a stored event holds a secret of the run (${secret.slice(0, 6)}…)`);
    });

    test('a login refused for CSRF is recorded at stop 4 with which half was missing, under the authorization\'s trace', async () => {
      const browser = new Browser();
      const { hera } = await startAtHera(browser, target);
      const flowStart = await browser.get(new URL(hera.location!, olympus.publicUrl).toString());
      const flowId = new URL(flowStart.location!, olympus.publicUrl).searchParams.get('flow')!;
      const refused = await browser.request(`${olympus.publicUrl}/self-service/login?flow=${flowId}`, {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({ method: 'password', identifier: DEMO_EMAIL, password: DEMO_PASSWORD }),
      });
      assert.equal(refused.status, 403, refused.body);
      const event = (await stored()).find((e) => e.stop === 'login_submitted' && e.flowId === flowId);
      assert.ok(event, 'stop 4 was recorded');
      assert.equal(event.outcome, 'refused');
      assert.equal(event.errorCode, 'security_csrf_violation');
      assert.deepEqual(event.evidence.csrf, { cookie_present: true, token_present: false, equal: null });
      const chain = await chainOf(event.traceId);
      assert.deepEqual(chain.map((e) => `${e.stop}:${e.outcome}`), ['authorize:ok', 'login_request:ok', 'login_flow_created:ok', 'login_submitted:refused']);
      assert.ok(!JSON.stringify(chain).includes(DEMO_PASSWORD));
    });

    test('a wrong password is refused at stop 4 with its message id', async () => {
      const browser = new Browser();
      const { hera } = await startAtHera(browser, target);
      const answer = await signInAt(browser, olympus.publicUrl, hera, DEMO_EMAIL, 'not-the-password-1');
      assert.doesNotMatch(answer.location ?? '', /login_verifier/, 'the form is shown again, not the app');
      const event = (await stored()).find((e) => e.stop === 'login_submitted' && e.outcome === 'refused' && e.errorCode !== 'security_csrf_violation');
      assert.ok(event);
      assert.deepEqual(event.evidence.message_ids, [4000006]);
      assert.deepEqual(event.evidence.csrf, { cookie_present: true, token_present: true, equal: true });
      assert.equal(event.evidence.aal_reached, null);
      assert.ok(!JSON.stringify(event).includes('not-the-password-1'));
    });

    test('an authorization refused at /oauth2/auth names the redirect URIs registered and the one sent', async () => {
      const sent = `${REDIRECT}/`;
      const res = await new Browser().get(authorizeUrl(olympus.publicUrl, {
        client_id: FIRST_PARTY, response_type: 'code', redirect_uri: sent, scope: 'openid', state: 'state-123456',
        code_challenge: pkcePair().challenge, code_challenge_method: 'S256',
      }));
      assert.notEqual(res.status, 302);
      const event = (await stored()).find((e) => e.stop === 'authorize' && e.outcome === 'refused' && e.evidence.redirect_uri_sent === sent);
      assert.ok(event);
      assert.equal(event.errorCode, 'invalid_request');
      assert.deepEqual(event.evidence.registered_redirect_uris, [REDIRECT]);
      assert.equal(event.clientId, FIRST_PARTY);
    });

    test('a token request with the wrong client auth method is refused with both methods as evidence', async () => {
      const res = await tokenRequest(olympus.publicUrl, { grant_type: 'authorization_code', code: 'nope', redirect_uri: REDIRECT, client_id: FIRST_PARTY, client_secret: 'a-secret-the-client-does-not-have' });
      assert.equal(res.status, 401);
      const event = (await stored()).find((e) => e.stop === 'token_exchange' && e.outcome === 'refused' && e.evidence.attempted_auth_method === 'client_secret_post');
      assert.ok(event);
      assert.equal(event.errorCode, 'invalid_client');
      assert.equal(event.evidence.registered_auth_method, 'none');
      assert.ok(!JSON.stringify(event).includes('a-secret-the-client-does-not-have'));
    });
  });
}

/**
 * The OAuth2 side's trace stops against a real server on both databases (docs/operations/tracing.md):
 * the authorization request (1), the login UI's read of the login request (2), the login accepted or
 * rejected (5), consent shown and decided (6, 7), the code exchange with PKCE and code reuse (9), a
 * refresh token used twice (10), userinfo (11) and logout (12), each read back from the store with its
 * outcome, error code and evidence; and no stored event holds a secret of the run (AS-50).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO_EMAIL, DEMO_PASSWORD, ensureDemoIdentity } from '@olympus/server';
import { createTraceStore } from '@olympus/storage';
import type { TraceEvent } from '@olympus/trace';
import { Browser, queryOf } from './support/browser.ts';
import { authorizeUrl, createClient, pkcePair, tokenRequest } from './support/flow.ts';
import { signInUntilConsent, type WalkTarget } from './support/hera-walk.ts';
import { startTestServer, type TestServer } from './support/server.ts';

const REDIRECT = 'http://127.0.0.1:9/callback';
const AFTER_LOGOUT = 'http://127.0.0.1:9/logged-out';
const CLIENT = 'trace-oauth2-app';
const SCOPE = 'openid email offline_access';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** The value of a hidden input of a Hera page. */
const hidden = (page: string, name: string): string => {
  const value = new RegExp(`name="${name}" value="([^"]+)"`).exec(page)?.[1];
  assert.ok(value, `the page has a ${name} field`);
  return value;
};

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`trace stops of the OAuth2 side (${kind})`, () => {
    let olympus: TestServer;
    let target: WalkTarget;

    before(async () => {
      olympus = await startTestServer(kind);
      await ensureDemoIdentity(olympus.server.identity);
      await createClient(olympus.adminUrl, {
        client_id: CLIENT, client_name: 'Trace OAuth2 App', token_endpoint_auth_method: 'none', redirect_uris: [REDIRECT],
        post_logout_redirect_uris: [AFTER_LOGOUT], scope: SCOPE, grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'],
      });
      target = { publicUrl: olympus.publicUrl, clientId: CLIENT, redirectUri: REDIRECT, scope: SCOPE };
    });
    after(async () => olympus?.close());

    const store = () => createTraceStore(olympus.server.db);
    const stored = async (): Promise<TraceEvent[]> => {
      await olympus.server.traces!.flush();
      return store().listRecent({ limit: 2000 });
    };
    const chainOf = async (traceId: string): Promise<TraceEvent[]> => {
      await olympus.server.traces!.flush();
      return store().listByTrace(traceId);
    };
    const one = (events: TraceEvent[], match: (e: TraceEvent) => boolean, what: string): TraceEvent => {
      const found = events.filter(match);
      assert.equal(found.length, 1, `${what}: ${JSON.stringify(events.map((e) => `${e.stop}:${e.outcome}:${e.errorCode ?? ''}`))}`);
      return found[0]!;
    };

    /**
     * Signs in through Hera, allows consent on its page (or has it granted at once once remembered), and
     * returns the code, the verifier and the login's trace id.
     */
    const authorize = async (browser = new Browser()) => {
      const { consent, verifier } = await signInUntilConsent(browser, target, DEMO_EMAIL, DEMO_PASSWORD);
      const challenge = new URL(consent.url).searchParams.get('consent_challenge')!;
      const allowed = consent.status === 303 ? consent : await browser.request(`${olympus.publicUrl}/consent`, {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ consent_challenge: challenge, csrf_token: hidden(consent.body, 'csrf_token'), decision: 'allow' }),
      });
      assert.equal(allowed.status, 303, allowed.body);
      const back = await browser.get(allowed.location!);
      const code = queryOf(back.location).get('code')!;
      assert.ok(code, back.location ?? '');
      const traceId = (await stored()).find((e) => e.stop === 'consent_decided' && e.challengeId === challenge)!.traceId;
      return { browser, code, verifier, traceId };
    };

    test('a whole login carries every OAuth2 stop in order with its evidence, and no event holds a secret of the run', async () => {
      // The first login of the run: no consent is remembered yet, so the consent page is shown.
      const { browser, code, verifier, traceId } = await authorize();
      const tokens = await tokenRequest(olympus.publicUrl, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: CLIENT, code_verifier: verifier });
      assert.equal(tokens.status, 200, JSON.stringify(tokens.body));
      const refreshed = await tokenRequest(olympus.publicUrl, { grant_type: 'refresh_token', refresh_token: tokens.body.refresh_token!, client_id: CLIENT });
      assert.equal(refreshed.status, 200, JSON.stringify(refreshed.body));
      const info = await fetch(`${olympus.publicUrl}/userinfo`, { headers: { authorization: `Bearer ${refreshed.body.access_token}` } });
      assert.equal(info.status, 200);
      await info.body?.cancel();

      const chain = await chainOf(traceId);
      const mine = chain.filter((e) => e.stop !== 'login_flow_created' && e.stop !== 'login_submitted');
      assert.deepEqual(mine.map((e) => `${e.stop}:${e.outcome}`), [
        'authorize:ok', 'login_request:ok', 'login_accepted:ok', 'consent_shown:ok', 'consent_decided:ok', 'code_issued:ok',
        'token_exchange:ok', 'refresh:ok', 'userinfo:ok',
      ]);
      const [auth, request, accepted, shown, decided, , exchange, , userinfo] = mine as TraceEvent[];
      assert.ok(auth!.requestId, 'stop 1 carries the request id');
      assert.equal(auth!.evidence.code_challenge_present, true);
      assert.equal(auth!.evidence.pkce_required, true);
      assert.deepEqual(auth!.evidence.registered_response_types, ['code']);
      assert.deepEqual(auth!.evidence.registered_grant_types, ['authorization_code', 'refresh_token']);

      assert.equal(request!.challengeId, auth!.challengeId, 'stop 2 names the login challenge');
      assert.equal(request!.flowId, auth!.flowId);
      assert.equal(request!.clientId, CLIENT);
      assert.ok(request!.requestId);
      assert.equal(request!.evidence.skip, false);
      assert.equal(request!.evidence.subject_known, false);
      assert.equal(typeof request!.evidence.challenge_age_ms, 'number');
      assert.ok((request!.evidence.expires_in_ms as number) > 0);

      assert.equal(accepted!.challengeId, auth!.challengeId);
      assert.ok(accepted!.identityId);
      assert.equal(accepted!.evidence.skip, false);
      assert.equal(accepted!.evidence.completed_in_identity_session, true);
      assert.deepEqual(accepted!.evidence.amr, ['pwd']);
      assert.equal(typeof accepted!.evidence.remember, 'boolean');
      assert.equal(typeof accepted!.evidence.acr, 'string');

      assert.equal(shown!.evidence.skip, false);
      assert.deepEqual(shown!.evidence.skip_reasons, { prompt_consent: false, first_party: false, remembered_consent: false, public_client_untrusted_redirect: false });
      assert.deepEqual(shown!.evidence.requested_scopes, ['openid', 'email', 'offline_access']);
      assert.equal(decided!.challengeId, shown!.challengeId, 'stops 6 and 7 name the consent challenge');

      assert.deepEqual(decided!.evidence.requested_scopes, ['openid', 'email', 'offline_access']);
      assert.deepEqual(decided!.evidence.granted_scopes, ['openid', 'email', 'offline_access']);
      assert.equal(decided!.evidence.remember, true);
      assert.deepEqual((decided!.evidence.id_token_claims as string[]).sort(), ['email', 'email_verified']);
      assert.deepEqual(decided!.evidence.id_token_claims_omitted, [
        { claim: 'given_name', reason: 'scope_not_requested' }, { claim: 'family_name', reason: 'scope_not_requested' },
      ]);

      assert.deepEqual(exchange!.evidence.pkce, { challenge_registered: true, method: 'S256', verifier_present: true, matched: true });
      assert.deepEqual((exchange!.evidence.id_token_claims as string[]).sort(), ['email', 'email_verified']);
      assert.deepEqual(exchange!.evidence.registered_grant_types, ['authorization_code', 'refresh_token']);

      assert.equal(userinfo!.evidence.token_present, true);
      assert.equal(userinfo!.evidence.token_active, true);
      assert.deepEqual(userinfo!.evidence.scopes, ['openid', 'email', 'offline_access']);
      assert.deepEqual((userinfo!.evidence.claims_returned as string[]).sort(), ['email', 'email_verified', 'sub']);

      const secrets = [
        DEMO_PASSWORD, code, verifier, tokens.body.access_token, tokens.body.refresh_token, tokens.body.id_token,
        refreshed.body.access_token, refreshed.body.refresh_token, ...[...browser.jar.values()].map((c) => c.value).filter((v) => v.length >= 8),
      ].filter((s): s is string => typeof s === 'string' && s !== '');
      const text = JSON.stringify(await stored());
      for (const secret of secrets) assert.ok(!text.includes(secret), `a stored event holds a secret of the run (${secret.slice(0, 6)}…)`);
    });

    test('a code redeemed twice: the second exchange is refused in the login\'s trace with the code used, its first use, and the grant revoked', async () => {
      const { code, verifier, traceId } = await authorize();
      const first = await tokenRequest(olympus.publicUrl, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: CLIENT, code_verifier: verifier });
      assert.equal(first.status, 200);
      const again = await tokenRequest(olympus.publicUrl, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: CLIENT, code_verifier: verifier });
      assert.equal(again.status, 400);
      const chain = await chainOf(traceId);
      const shown = one(chain, (e) => e.stop === 'consent_shown', 'consent of the second login');
      assert.equal(shown.evidence.skip, true, 'the first login\'s consent is remembered');
      assert.deepEqual(shown.evidence.skip_reasons, { prompt_consent: false, first_party: false, remembered_consent: true, public_client_untrusted_redirect: false });
      const refused = one(chain, (e) => e.stop === 'token_exchange' && e.outcome === 'refused', 'the refused exchange joins the login');
      assert.equal(refused.errorCode, 'invalid_grant');
      assert.equal(refused.evidence.code_state, 'used');
      assert.match(refused.evidence.code_first_used_at as string, ISO);
      assert.equal(refused.evidence.revoked_on_reuse, true);
      assert.ok(refused.requestId);
    });

    test('a PKCE verifier that does not match is refused with the PKCE facts, and an unknown code with its state', async () => {
      const { code, traceId } = await authorize();
      const wrong = await tokenRequest(olympus.publicUrl, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: CLIENT, code_verifier: pkcePair().verifier });
      assert.equal(wrong.status, 400);
      const refused = one(await chainOf(traceId), (e) => e.stop === 'token_exchange', 'the mismatch joins the login');
      assert.equal(refused.outcome, 'refused');
      assert.deepEqual(refused.evidence.pkce, { challenge_registered: true, method: 'S256', verifier_present: true, matched: false });
      assert.equal(refused.evidence.code_state, 'valid');
      assert.equal(refused.evidence.revoked_on_reuse, false);

      const unknown = await tokenRequest(olympus.publicUrl, { grant_type: 'authorization_code', code: 'ory_ac_unknown', redirect_uri: REDIRECT, client_id: CLIENT, code_verifier: pkcePair().verifier });
      assert.equal(unknown.status, 400);
      const event = one(await stored(), (e) => e.stop === 'token_exchange' && e.evidence.code_state === 'unknown', 'the unknown code');
      assert.equal(event.traceId, event.requestId, 'a code nobody knows names no login: the request is its trace');
      assert.deepEqual(event.evidence.pkce, { challenge_registered: null, method: null, verifier_present: true, matched: null });
    });

    test('a refresh token used twice is refused in the login\'s trace: spent, its first use and when the family was revoked', async () => {
      const { code, verifier, traceId } = await authorize();
      const tokens = await tokenRequest(olympus.publicUrl, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: CLIENT, code_verifier: verifier });
      const refreshToken = tokens.body.refresh_token!;
      assert.equal((await tokenRequest(olympus.publicUrl, { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: CLIENT })).status, 200);
      const reused = await tokenRequest(olympus.publicUrl, { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: CLIENT });
      assert.equal(reused.status, 400);
      const refused = one(await chainOf(traceId), (e) => e.stop === 'refresh' && e.outcome === 'refused', 'the reuse joins the login');
      assert.equal(refused.errorCode, 'invalid_grant');
      assert.equal(refused.evidence.refresh_state, 'spent');
      assert.match(refused.evidence.first_used_at as string, ISO);
      assert.match(refused.evidence.family_revoked_at as string, ISO);
    });

    test('a custom login UI through the admin API: the login request read (skip, age), rejected, then read and accepted again after it was handled', async () => {
      const start = await new Browser().get(authorizeUrl(olympus.publicUrl, {
        client_id: CLIENT, response_type: 'code', redirect_uri: REDIRECT, scope: 'openid', state: 'state-123456',
        code_challenge: pkcePair().challenge, code_challenge_method: 'S256',
      }));
      const challenge = queryOf(new URL(start.location!, olympus.publicUrl).toString()).get('login_challenge')!;
      const admin = `${olympus.adminUrl}/admin/oauth2/auth/requests/login`;
      assert.equal((await fetch(`${admin}?login_challenge=${challenge}`)).status, 200);
      const rejected = await fetch(`${admin}/reject?login_challenge=${challenge}`, {
        method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: 'access_denied', error_description: 'The user cancelled.' }),
      });
      assert.equal(rejected.status, 200);
      assert.equal((await fetch(`${admin}?login_challenge=${challenge}`)).status, 410);
      const accepted = await fetch(`${admin}/accept?login_challenge=${challenge}`, {
        method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ subject: 'someone' }),
      });
      assert.equal(accepted.status, 410);
      assert.equal((await fetch(`${admin}?login_challenge=not-a-challenge`)).status, 404);

      const events = (await stored()).filter((e) => e.challengeId === challenge);
      const read = one(events, (e) => e.stop === 'login_request' && e.outcome === 'ok', 'the read');
      assert.equal(read.evidence.skip, false);
      assert.ok(read.requestId);
      const rejection = one(events, (e) => e.stop === 'login_accepted' && e.errorCode === 'access_denied', 'the rejection');
      assert.equal(rejection.outcome, 'refused');
      assert.equal(rejection.evidence.rejection_description, 'The user cancelled.');
      const closedRead = one(events, (e) => e.stop === 'login_request' && e.outcome === 'refused', 'the read after the rejection');
      const closedAccept = one(events, (e) => e.stop === 'login_accepted' && e.errorCode === 'request_handled', 'the accept after the rejection');
      for (const closed of [closedRead, closedAccept]) {
        assert.equal(closed.errorCode, 'request_handled');
        assert.equal(closed.evidence.state, 'login_rejected');
        assert.equal(typeof closed.evidence.challenge_age_ms, 'number');
        assert.match(closed.evidence.handled_at as string, ISO);
      }
      const unknown = one(await stored(), (e) => e.stop === 'login_request' && e.challengeId === 'not-a-challenge', 'the unknown challenge');
      assert.equal(unknown.errorCode, 'not_found');
      assert.equal(unknown.evidence.state, null);
      assert.equal(unknown.traceId, unknown.requestId);
    });

    test('consent denied on Hera\'s page is stop 7 refused with the rejection\'s error', async () => {
      // A client of its own: nobody consented to it yet, so the page is shown.
      const { client_id } = await createClient(olympus.adminUrl, {
        token_endpoint_auth_method: 'none', redirect_uris: [REDIRECT], scope: 'openid', grant_types: ['authorization_code'], response_types: ['code'],
      });
      const browser = new Browser();
      const { consent } = await signInUntilConsent(browser, { ...target, clientId: client_id, scope: 'openid' }, DEMO_EMAIL, DEMO_PASSWORD);
      const challenge = hidden(consent.body, 'consent_challenge');
      const denied = await browser.request(`${olympus.publicUrl}/consent`, {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ consent_challenge: challenge, csrf_token: hidden(consent.body, 'csrf_token'), decision: 'deny' }),
      });
      assert.equal(denied.status, 303);
      const event = one(await stored(), (e) => e.stop === 'consent_decided' && e.challengeId === challenge, 'the denial');
      assert.equal(event.outcome, 'refused');
      assert.equal(event.errorCode, 'access_denied');
    });

    test('userinfo refused: without a token, and with a token nobody issued', async () => {
      const none = await fetch(`${olympus.publicUrl}/userinfo`);
      assert.equal(none.status, 401);
      const bogus = await fetch(`${olympus.publicUrl}/userinfo`, { headers: { authorization: 'Bearer ory_at_not-issued-by-this-server' } });
      assert.equal(bogus.status, 401);
      const events = (await stored()).filter((e) => e.stop === 'userinfo' && e.outcome === 'refused');
      const [without, unknown] = [none, bogus].map((res) => one(events, (e) => e.requestId === res.headers.get('x-request-id'), 'the refusal of the request'));
      assert.equal(without!.evidence.token_present, false);
      assert.equal(without!.evidence.token_active, null);
      assert.equal(unknown!.evidence.token_present, true);
      assert.equal(unknown!.evidence.token_active, false);
      assert.equal(unknown!.errorCode, 'invalid_token');
      assert.equal(unknown!.traceId, unknown!.requestId);
    });

    test('logout: refused for an unregistered post-logout URI; started with an id_token_hint and accepted, one session ended', async () => {
      const sent = `${AFTER_LOGOUT}/`;
      const refused = await new Browser().get(`${olympus.publicUrl}/oauth2/sessions/logout?client_id=${CLIENT}&post_logout_redirect_uri=${encodeURIComponent(sent)}`);
      assert.equal(refused.status, 400);
      const refusal = one(await stored(), (e) => e.stop === 'logout' && e.outcome === 'refused', 'the refused logout');
      assert.equal(refusal.errorCode, 'invalid_request');
      assert.deepEqual(
        { ...refusal.evidence, error_hint: undefined },
        { initiated_by: 'rp', id_token_hint_present: false, post_logout_redirect_uri_registered: false, sessions_ended: 0, error_hint: undefined },
      );

      const { browser, code, verifier } = await authorize();
      const tokens = await tokenRequest(olympus.publicUrl, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: CLIENT, code_verifier: verifier });
      const started = await browser.get(`${olympus.publicUrl}/oauth2/sessions/logout?${new URLSearchParams({ id_token_hint: tokens.body.id_token!, post_logout_redirect_uri: AFTER_LOGOUT, state: 'bye-123' })}`);
      assert.equal(started.status, 302);
      const challenge = queryOf(started.location).get('logout_challenge')!;
      const accepted = await fetch(`${olympus.adminUrl}/admin/oauth2/auth/requests/logout/accept?logout_challenge=${encodeURIComponent(challenge)}`, { method: 'PUT' });
      assert.equal(accepted.status, 200);
      const done = one(await stored(), (e) => e.stop === 'logout' && e.outcome === 'ok', 'the accepted logout');
      assert.equal(done.clientId, CLIENT);
      assert.ok(done.identityId);
      assert.deepEqual(done.evidence, { initiated_by: 'rp', id_token_hint_present: true, post_logout_redirect_uri_registered: true, sessions_ended: 1, error_hint: null });
      assert.ok(!JSON.stringify(await stored()).includes(tokens.body.id_token!), 'the id_token_hint is never stored');
    });

    test('stop 1 refused for an unknown client and for a missing PKCE challenge, with the request id and the registered types', async () => {
      const unknown = await new Browser().get(authorizeUrl(olympus.publicUrl, { client_id: 'nobody-registered-this', response_type: 'code', redirect_uri: REDIRECT, scope: 'openid', state: 'state-123456' }));
      const withoutPkce = await new Browser().get(authorizeUrl(olympus.publicUrl, { client_id: CLIENT, response_type: 'code', redirect_uri: REDIRECT, scope: 'openid', state: 'state-123456' }));
      const events = (await stored()).filter((e) => e.stop === 'authorize' && e.outcome === 'refused');
      const noClient = one(events, (e) => e.requestId === unknown.headers.get('x-request-id'), 'the unknown client');
      assert.equal(noClient.errorCode, 'invalid_client');
      assert.equal(noClient.evidence.registered_grant_types, null);
      assert.equal(noClient.evidence.registered_response_types, null);
      const noPkce = one(events, (e) => e.requestId === withoutPkce.headers.get('x-request-id'), 'the missing challenge');
      assert.equal(noPkce.errorCode, 'invalid_request');
      assert.equal(noPkce.evidence.code_challenge_present, false);
      assert.equal(noPkce.evidence.pkce_required, true);
      assert.deepEqual(noPkce.evidence.registered_response_types, ['code']);
    });
  });
}

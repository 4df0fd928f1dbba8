/**
 * Two browsers, an attacker and a victim, each with its own cookie jar (docs/security.md AS-21).
 * The attacker starts an authorization and sends the victim the login link; the victim signs in.
 * Nothing the public origin answers may then carry the victim's login into the attacker's browser:
 * Hera never hands a verifier to a browser that did not complete the step, and a login verifier is
 * redeemed only by the browser whose identity session completed the login. The same for a consent
 * challenge looked up from another browser between Allow and the verifier's use.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO_EMAIL, DEMO_PASSWORD } from '@olympus/server';
import { Browser, type Hop } from './support/browser.ts';
import { authorizeUrl, pkcePair } from './support/flow.ts';
import { signInAt, signInUntilConsent, startWalk, type WalkTarget } from './support/hera-walk.ts';
import type { TestServer } from './support/server.ts';

const REDIRECT = 'http://127.0.0.1:9/callback';

/** Nothing in the answer lets the browser continue the other browser's flow. */
const assertGoesNowhere = (hop: Hop, verifierName: string) => {
  assert.equal(hop.location, null, `no redirect: ${hop.location}`);
  assert.doesNotMatch(hop.body, new RegExp(verifierName), `the answer carries no ${verifierName}`);
  assert.equal(hop.status, 410, hop.body);
  assert.match(hop.headers.get('content-type') ?? '', /text\/html/);
  assert.match(hop.body, /already completed/i, 'the page says the sign-in was completed elsewhere');
};

const hiddenField = (page: string, name: string): string => {
  const value = new RegExp(`name="${name}" value="([^"]+)"`).exec(page)?.[1];
  assert.ok(value, `the page has a hidden ${name}`);
  return value;
};

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`a login or consent challenge cannot be taken over from another browser (${kind})`, () => {
    let olympus: TestServer;
    let target: WalkTarget;

    before(async () => {
      ({ olympus, target } = await startWalk(kind, REDIRECT, { client_name: 'Partner app' }));
    });
    after(async () => olympus?.close());

    /** The attacker's authorization: its flow cookie stays in the attacker's jar; the login link is sent to the victim. */
    const attackerStarts = async (attacker: Browser): Promise<string> => {
      const start = await attacker.get(authorizeUrl(olympus.publicUrl, {
        client_id: target.clientId, response_type: 'code', redirect_uri: REDIRECT, scope: target.scope, state: 'attacker-state',
        code_challenge: pkcePair().challenge, code_challenge_method: 'S256',
      }));
      assert.equal(start.status, 302, start.body);
      assert.match(start.location!, /\/login\?login_challenge=/);
      return start.location!;
    };

    test('the victim signs in on the attacker\'s link: the attacker\'s browser gets no verifier, and a leaked verifier does not work there', async () => {
      const attacker = new Browser();
      const victim = new Browser();
      const link = await attackerStarts(attacker);

      const submitted = await signInAt(victim, olympus.publicUrl, await victim.get(link), DEMO_EMAIL, DEMO_PASSWORD);
      assert.equal(submitted.status, 303, submitted.body);
      assert.match(submitted.location!, /login_verifier=/);
      const victimAtVerifier = await victim.get(submitted.location!);
      assert.equal(victimAtVerifier.status, 403, 'the victim\'s browser lacks the flow cookie: refused, as before');

      assertGoesNowhere(await attacker.get(link), 'login_verifier');

      const leaked = await attacker.get(submitted.location!);
      assert.equal(leaked.status, 403, `a login completed in another browser's identity session is refused: ${leaked.location}`);
      assert.doesNotMatch(leaked.location ?? '', /consent_challenge|code=/);
    });

    test('a consent challenge opened from another browser after Allow shows no consent verifier; the user\'s own browser still gets its code', async () => {
      const user = new Browser();
      const { consent } = await signInUntilConsent(user, target, DEMO_EMAIL, DEMO_PASSWORD);
      assert.equal(consent.status, 200, 'the consent screen is shown');
      const challenge = hiddenField(consent.body, 'consent_challenge');
      const allowed = await user.request(`${olympus.publicUrl}/consent`, {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ consent_challenge: challenge, csrf_token: hiddenField(consent.body, 'csrf_token'), decision: 'allow' }),
      });
      assert.equal(allowed.status, 303);
      assert.match(allowed.location!, /consent_verifier=/);

      assertGoesNowhere(await new Browser().get(`${olympus.publicUrl}/consent?consent_challenge=${encodeURIComponent(challenge)}`), 'consent_verifier');

      const back = await user.get(allowed.location!);
      assert.equal(back.status, 302);
      assert.ok(new URL(back.location!).searchParams.get('code'), `the user's browser gets the code: ${back.location}`);
    });

    test('the admin API keeps Hydra\'s answer for a handled challenge: 410 with redirect_to', async () => {
      const attacker = new Browser();
      const link = await attackerStarts(attacker);
      const challenge = new URL(link).searchParams.get('login_challenge')!;
      const admin = `${olympus.adminUrl}/admin/oauth2/auth/requests/login`;
      const accepted = await fetch(`${admin}/accept?login_challenge=${challenge}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ subject: 'someone' }) });
      assert.equal(accepted.status, 200);
      const again = await fetch(`${admin}?login_challenge=${challenge}`);
      assert.equal(again.status, 410);
      assert.match((await again.json()).redirect_to, /login_verifier=/);
    });
  });
}

/**
 * The login and consent steps a login UI performs, done through @ory/client-fetch's OAuth2Api
 * exactly as a Hydra integration would.
 */
import assert from 'node:assert/strict';
import { Configuration, OAuth2Api } from '@ory/client-fetch';
import { Browser, queryOf } from './browser.ts';

export const adminApi = (adminUrl: string): OAuth2Api => new OAuth2Api(new Configuration({ basePath: adminUrl }));

export interface LoginAndConsent {
  subject: string;
  remember?: boolean;
  rememberFor?: number;
  idTokenClaims?: Record<string, unknown>;
  accessTokenClaims?: Record<string, unknown>;
  rememberConsent?: boolean;
}

/** Drives the browser from the authorization URL to the client's callback; returns the callback URL. */
export const authorizeThroughUi = async (
  api: OAuth2Api,
  browser: Browser,
  authorizationUrl: string,
  who: LoginAndConsent,
): Promise<{ callback: string; consentVerifierUrl: string; loginChallenge: string; consentChallenge: string; loginSkip: boolean; consentSkip: boolean }> => {
  const start = await browser.get(authorizationUrl);
  assert.equal(start.status, 302, `authorize should redirect to the login UI: ${start.body}`);
  const loginChallenge = queryOf(start.location).get('login_challenge')!;
  assert.ok(loginChallenge, `expected a login_challenge in ${start.location}`);
  const login = await api.getOAuth2LoginRequest({ loginChallenge });
  const accepted = await api.acceptOAuth2LoginRequest({
    loginChallenge,
    acceptOAuth2LoginRequest: { subject: who.subject, remember: who.remember ?? false, remember_for: who.rememberFor ?? 0 },
  });
  const afterLogin = await browser.get(accepted.redirect_to);
  assert.equal(afterLogin.status, 302, `login verifier should redirect to consent: ${afterLogin.body}`);
  const consentChallenge = queryOf(afterLogin.location).get('consent_challenge')!;
  assert.ok(consentChallenge, `expected a consent_challenge in ${afterLogin.location}`);
  const consent = await api.getOAuth2ConsentRequest({ consentChallenge });
  const granted = await api.acceptOAuth2ConsentRequest({
    consentChallenge,
    acceptOAuth2ConsentRequest: {
      grant_scope: consent.requested_scope,
      grant_access_token_audience: consent.requested_access_token_audience,
      remember: who.rememberConsent ?? false,
      session: { id_token: who.idTokenClaims ?? {}, access_token: who.accessTokenClaims ?? {} },
    },
  });
  const final = await browser.get(granted.redirect_to);
  assert.equal(final.status, 302, `consent verifier should redirect to the client: ${final.body}`);
  return { callback: final.location!, consentVerifierUrl: granted.redirect_to, loginChallenge, consentChallenge, loginSkip: login.skip, consentSkip: Boolean(consent.skip) };
};

/**
 * The relying party's view: openid-client against a real Olympus on a real port, with the login
 * and consent steps done through @ory/client-fetch, on SQLite and on PostgreSQL.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHash } from 'node:crypto';
import * as oidc from 'openid-client';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { startTestServer, type TestServer } from './support/server.ts';
import { Browser } from './support/browser.ts';
import { adminApi, authorizeThroughUi } from './support/oauth2.ts';

const REDIRECT = 'http://127.0.0.1:9/callback';

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`openid-client relying party (${kind})`, () => {
    let olympus: TestServer;
    let rp: oidc.Configuration;
    let clientId: string;
    let clientSecret: string;

    before(async () => {
      olympus = await startTestServer(kind);
      const created = await adminApi(olympus.adminUrl).createOAuth2Client({
        oAuth2Client: {
          client_name: 'rp',
          grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
          response_types: ['code'],
          scope: 'openid offline_access email profile',
          redirect_uris: [REDIRECT],
          token_endpoint_auth_method: 'client_secret_basic',
        },
      });
      clientId = created.client_id!;
      clientSecret = created.client_secret!;
      assert.ok(clientSecret && clientSecret.length >= 32, 'a generated secret is returned on create');
      rp = await oidc.discovery(new URL(olympus.publicUrl), clientId, undefined, oidc.ClientSecretBasic(clientSecret), { execute: [oidc.allowInsecureRequests] });
    });
    after(() => olympus?.close());

    const authorize = async (browser: Browser, extra: Record<string, string> = {}, remember = false) => {
      const verifier = oidc.randomPKCECodeVerifier();
      const nonce = oidc.randomNonce();
      const state = oidc.randomState();
      const url = oidc.buildAuthorizationUrl(rp, {
        redirect_uri: REDIRECT,
        scope: 'openid offline_access email',
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        nonce,
        state,
        ...extra,
      });
      const ui = await authorizeThroughUi(adminApi(olympus.adminUrl), browser, url.href, {
        subject: 'user-1',
        remember,
        rememberConsent: remember,
        idTokenClaims: { email: 'ada@example.com' },
        accessTokenClaims: { tier: 'gold' },
      });
      const tokens = await oidc.authorizationCodeGrant(rp, new URL(ui.callback), { pkceCodeVerifier: verifier, expectedNonce: nonce, expectedState: state, idTokenExpected: true });
      return { tokens, nonce, ui };
    };

    test('authorization code with PKCE and nonce yields a verifiable ID token with the session claims', async () => {
      const { tokens, nonce } = await authorize(new Browser());
      assert.equal(tokens.token_type.toLowerCase(), 'bearer');
      assert.ok(tokens.refresh_token, 'refresh token for a client allowed the refresh_token grant');
      const jwks = createRemoteJWKSet(new URL(`${olympus.publicUrl}/.well-known/jwks.json`));
      const { payload, protectedHeader } = await jwtVerify(tokens.id_token!, jwks, { issuer: olympus.publicUrl, audience: clientId });
      assert.equal(protectedHeader.alg, 'RS256');
      assert.equal(payload.sub, 'user-1');
      assert.equal(payload.email, 'ada@example.com');
      assert.equal(payload.nonce, nonce);
      assert.equal(typeof payload.auth_time, 'number');
      assert.equal(typeof payload.sid, 'string');
      const digest = createHash('sha256').update(tokens.access_token).digest();
      assert.equal(payload.at_hash, digest.subarray(0, 16).toString('base64url'));
    });

    test('userinfo returns the email, also after a refresh, and the refreshed ID token keeps it', async () => {
      const { tokens } = await authorize(new Browser());
      const info = await oidc.fetchUserInfo(rp, tokens.access_token, 'user-1');
      assert.equal(info.email, 'ada@example.com');
      const refreshed = await oidc.refreshTokenGrant(rp, tokens.refresh_token!);
      assert.notEqual(refreshed.refresh_token, tokens.refresh_token, 'refresh tokens rotate');
      assert.equal(refreshed.claims()?.email, 'ada@example.com');
      const again = await oidc.fetchUserInfo(rp, refreshed.access_token, 'user-1');
      assert.equal(again.email, 'ada@example.com');
    });

    test('introspection shows session.access_token claims under ext; revocation makes the token inactive', async () => {
      const { tokens } = await authorize(new Browser());
      const api = adminApi(olympus.adminUrl);
      const active = await api.introspectOAuth2Token({ token: tokens.access_token });
      assert.equal(active.active, true);
      assert.equal(active.client_id, clientId);
      assert.equal(active.sub, 'user-1');
      assert.deepEqual(active.ext, { tier: 'gold' });
      await oidc.tokenRevocation(rp, tokens.access_token);
      const revoked = await api.introspectOAuth2Token({ token: tokens.access_token });
      const defined = Object.fromEntries(Object.entries(revoked).filter(([, v]) => v !== undefined));
      assert.deepEqual(defined, { active: false }, 'an inactive token reveals nothing else (RFC 7662 §2.2)');
    });

    test('client credentials grant issues an access token for the client itself', async () => {
      const tokens = await oidc.clientCredentialsGrant(rp, { scope: 'email' });
      assert.equal(tokens.scope, 'email');
      const info = await adminApi(olympus.adminUrl).introspectOAuth2Token({ token: tokens.access_token });
      assert.equal(info.active, true);
      assert.equal(info.sub, clientId);
    });

    test('a remembered login and consent make the second authorization skip both', async () => {
      const browser = new Browser();
      const first = await authorize(browser, {}, true);
      assert.equal(first.ui.loginSkip, false);
      const second = await authorize(browser, {}, true);
      assert.equal(second.ui.loginSkip, true, 'login request has skip=true with a remembered session');
      assert.equal(second.ui.consentSkip, true, 'consent request has skip=true with remembered consent');
      assert.equal(second.tokens.claims()?.sub, 'user-1');
    });

    test('one trace_id follows the flow from /oauth2/auth to the token exchange', async () => {
      await authorize(new Browser());
      const issued = olympus.logs.filter((l) => l.msg === 'consent verified; authorization code issued').at(-1);
      assert.ok(issued?.trace_id, 'the code issuance is logged with a trace_id');
      const chain = olympus.logs.filter((l) => l.trace_id === issued.trace_id).map((l) => l.msg);
      assert.ok(chain.includes('authorization request valid; redirecting to the login UI'), chain.join(' | '));
      assert.ok(chain.includes('login request accepted'), chain.join(' | '));
      assert.ok(chain.includes('consent request accepted'), chain.join(' | '));
      assert.ok(chain.length >= 6, `the token exchange logs with the same trace_id too: ${chain.join(' | ')}`);
    });
  });
}

import { describe, test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidRequest } from '../src/errors.ts';
import { handleTokenRequest } from '../src/grants/token-endpoint.ts';
import { introspectToken } from '../src/introspection.ts';
import { basic, ISSUER, makeHarness, REDIRECT_URI, seedCode, T0, type Harness } from './tokens-fakes.ts';

const SECRET = 'secret-0123456789abcdef';
let h: Harness;

beforeEach(async () => {
  h = await makeHarness();
  await h.clients.add({ client_id: 'web', grant_types: ['authorization_code', 'refresh_token'] }, SECRET);
});

const issue = async (scope = ['openid', 'offline_access', 'email']) => {
  const seeded = await seedCode(h, 'web', { session: { scope } });
  return handleTokenRequest(h.ctx, {
    params: { grant_type: 'authorization_code', code: seeded.code, redirect_uri: REDIRECT_URI, code_verifier: seeded.verifier },
    authorization: basic('web', SECRET),
    requestId: 'r',
  });
};

const introspect = (token: string | undefined, scope?: string) => introspectToken(h.ctx, { token, scope });

describe('introspection (RFC 7662, AS-33)', () => {
  test("an active access token is described in Hydra's IntrospectedOAuth2Token shape", async () => {
    const t = await issue();
    assert.deepEqual(await introspect(t.access_token), {
      active: true,
      scope: 'openid offline_access email',
      client_id: 'web',
      sub: 'user-1',
      exp: Math.floor(T0 / 1000) + 900,
      iat: Math.floor(T0 / 1000),
      nbf: Math.floor(T0 / 1000),
      aud: ['https://api.example'],
      iss: ISSUER,
      token_type: 'Bearer',
      token_use: 'access_token',
      ext: { tenant: 't1' },
    });
  });

  test('an active refresh token says so in token_use', async () => {
    const t = await issue();
    const info = await introspect(t.refresh_token);
    assert.equal(info.active, true);
    assert.equal(info.token_use, 'refresh_token');
    assert.equal(info.token_type, 'refresh_token');
    assert.equal(info.exp, Math.floor((T0 + h.ctx.config.ttl.refreshToken) / 1000));
  });

  test('unknown, expired and revoked tokens are exactly {"active":false}', async () => {
    const t = await issue();
    assert.equal(JSON.stringify(await introspect('ory_at_unknown')), '{"active":false}');
    assert.equal(JSON.stringify(await introspect('not-a-token')), '{"active":false}');
    h.clock.now += h.ctx.config.ttl.accessToken;
    assert.equal(JSON.stringify(await introspect(t.access_token)), '{"active":false}');
    await h.tokens.revokeGrant((await h.stored.refresh())[0].session.grantId, h.clock.now);
    assert.equal(JSON.stringify(await introspect(t.refresh_token)), '{"active":false}');
  });

  test('with scope, the token is active only if it was granted every one of them', async () => {
    const t = await issue();
    assert.equal((await introspect(t.access_token, 'openid email')).active, true);
    assert.deepEqual(await introspect(t.access_token, 'openid admin'), { active: false });
  });

  test('a refresh token without offline_access is inactive once the login session ends', async () => {
    const t = await issue(['openid']);
    assert.equal((await introspect(t.refresh_token)).active, true);
    await h.sessions.revokeAuthenticationSession('sid-1', h.clock.now);
    assert.deepEqual(await introspect(t.refresh_token), { active: false });
  });

  test('a missing token is invalid_request', async () => {
    await assert.rejects(introspect(undefined), InvalidRequest);
  });
});

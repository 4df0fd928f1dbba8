import { describe, test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { decodeJwt } from 'jose';
import { InsufficientScope, InvalidToken } from '../src/errors.ts';
import { handleTokenRequest } from '../src/grants/token-endpoint.ts';
import { userinfo } from '../src/userinfo.ts';
import { basic, makeHarness, REDIRECT_URI, seedCode, type Harness } from './tokens-fakes.ts';

const SECRET = 'secret-0123456789abcdef';
let h: Harness;

beforeEach(async () => {
  h = await makeHarness();
  await h.clients.add({ client_id: 'web', grant_types: ['authorization_code', 'refresh_token', 'client_credentials'], scope: 'openid offline_access email' }, SECRET);
});

const issue = async (idTokenClaims: Record<string, unknown> = { email: 'a@example.com', email_verified: true }) => {
  const seeded = await seedCode(h, 'web', { session: { idTokenClaims } });
  return handleTokenRequest(h.ctx, {
    params: { grant_type: 'authorization_code', code: seeded.code, redirect_uri: REDIRECT_URI, code_verifier: seeded.verifier },
    authorization: basic('web', SECRET),
    requestId: 'r',
  });
};

describe('userinfo (OIDC Core §5.3)', () => {
  test("returns sub and the consent's id_token claims; sub equals the ID token's (AS-41)", async () => {
    const t = await issue({ email: 'a@example.com', email_verified: true, sub: 'spoofed', exp: 1 });
    const claims = await userinfo(h.ctx, t.access_token, 'req');
    assert.deepEqual(claims, { email: 'a@example.com', email_verified: true, sub: 'user-1' });
    assert.equal(claims.sub, decodeJwt(t.id_token ?? '').sub);
  });

  test('a revoked, expired or unknown token is invalid_token', async () => {
    const t = await issue();
    await assert.rejects(userinfo(h.ctx, 'ory_at_unknown', 'req'), InvalidToken);
    h.clock.now += h.ctx.config.ttl.accessToken;
    await assert.rejects(userinfo(h.ctx, t.access_token, 'req'), (err: unknown) => {
      assert.ok(err instanceof InvalidToken);
      assert.equal(err.hint, 'The access token has expired.');
      return true;
    });
  });

  test('a token without the openid scope is insufficient_scope (403)', async () => {
    const t = await handleTokenRequest(h.ctx, {
      params: { grant_type: 'client_credentials', scope: 'email' },
      authorization: basic('web', SECRET),
      requestId: 'r',
    });
    await assert.rejects(userinfo(h.ctx, t.access_token, 'req'), (err: unknown) => {
      assert.ok(err instanceof InsufficientScope);
      assert.equal(err.status, 403);
      return true;
    });
  });

  test('claims survive a refresh', async () => {
    const t = await issue();
    const refreshed = await handleTokenRequest(h.ctx, {
      params: { grant_type: 'refresh_token', refresh_token: t.refresh_token ?? '' },
      authorization: basic('web', SECRET),
      requestId: 'r',
    });
    assert.equal((await userinfo(h.ctx, refreshed.access_token, 'req')).email, 'a@example.com');
    await assert.rejects(userinfo(h.ctx, t.access_token, 'req'), InvalidToken);
  });
});

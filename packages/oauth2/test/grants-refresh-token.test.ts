import { describe, test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { decodeJwt } from 'jose';
import { InvalidGrant, InvalidScope } from '../src/errors.ts';
import { handleTokenRequest } from '../src/grants/token-endpoint.ts';
import { introspectToken } from '../src/introspection.ts';
import type { GrantSession } from '../src/tokens/records.ts';
import { makeHarness, REDIRECT_URI, seedCode, type Harness } from './tokens-fakes.ts';

const SECRET = 'web-secret-0123456789';
let h: Harness;

const setUp = async (graceMs = 0) => {
  h = await makeHarness({ oauth2: { refreshTokenRotationGracePeriod: graceMs } });
  for (const id of ['web', 'other']) {
    await h.clients.add({ client_id: id, token_endpoint_auth_method: 'client_secret_post', grant_types: ['authorization_code', 'refresh_token'] }, SECRET);
  }
};
beforeEach(() => setUp());

const token = (params: Record<string, string>, clientId = 'web') =>
  handleTokenRequest(h.ctx, { params: { client_id: clientId, client_secret: SECRET, ...params }, authorization: undefined, requestId: 'req-2' });

/** Runs the code exchange and returns its tokens. */
const firstTokens = async (session: Partial<GrantSession> = {}) => {
  const seeded = await seedCode(h, 'web', { session });
  return token({ grant_type: 'authorization_code', code: seeded.code, redirect_uri: REDIRECT_URI, code_verifier: seeded.verifier });
};

const refresh = (refreshToken: string | undefined, extra: Record<string, string> = {}, clientId = 'web') =>
  token({ grant_type: 'refresh_token', refresh_token: refreshToken ?? '', ...extra }, clientId);

const active = async (t: string | undefined) => (await introspectToken(h.ctx, { token: t, scope: undefined })).active;

const invalidGrant = async (promise: Promise<unknown>, hint: string) => {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof InvalidGrant, `expected invalid_grant, got ${String(err)}`);
    assert.equal(err.hint, hint);
    return true;
  });
};

const REUSED = 'The refresh token was already used; every token of this grant has been revoked (RFC 9700 §4.14.2).';

describe('refresh_token grant: rotation (RFC 6749 §6)', () => {
  test('issues new access and refresh tokens and revokes the previous access token', async () => {
    const first = await firstTokens();
    h.clock.now += 60_000;
    const second = await refresh(first.refresh_token);
    assert.notEqual(second.refresh_token, first.refresh_token);
    assert.equal(second.scope, 'openid offline_access email');
    assert.equal(await active(first.access_token), false);
    assert.equal(await active(first.refresh_token), false);
    assert.equal(await active(second.access_token), true);
    assert.equal(await active(second.refresh_token), true);
  });

  test('the ID token after a refresh still carries the consent claims, sid and auth_time, but no nonce', async () => {
    const first = await firstTokens();
    h.clock.now += 60_000;
    const second = await refresh(first.refresh_token);
    const before = decodeJwt(first.id_token ?? '');
    const after = decodeJwt(second.id_token ?? '');
    assert.equal(after.email, 'a@example.com');
    assert.equal(after.email_verified, true);
    assert.equal(after.sid, before.sid);
    assert.equal(after.auth_time, before.auth_time);
    assert.equal(after.sub, before.sub);
    assert.equal(before.nonce, 'nonce-123');
    assert.equal(after.nonce, undefined);
  });

  test('a narrower scope narrows the access token; the next refresh may ask for the full grant again', async () => {
    const first = await firstTokens();
    const narrowed = await refresh(first.refresh_token, { scope: 'email' });
    assert.equal(narrowed.scope, 'email');
    assert.equal(narrowed.id_token, undefined);
    const full = await refresh(narrowed.refresh_token);
    assert.equal(full.scope, 'openid offline_access email');
  });

  test('a scope that was never granted is invalid_scope and does not burn the token (AS-17)', async () => {
    const first = await firstTokens();
    await assert.rejects(refresh(first.refresh_token, { scope: 'email admin' }), (err: unknown) => {
      assert.ok(err instanceof InvalidScope);
      assert.equal(err.hint, 'The refresh token was not granted admin; it carries "openid offline_access email".');
      return true;
    });
    assert.match((await refresh(first.refresh_token)).access_token, /^ory_at_/);
  });

  test('logs the rotation with the flow trace id', async () => {
    const first = await firstTokens();
    await refresh(first.refresh_token);
    const lines = h.log.lines.filter((l) => l.msg === 'token issued' && l.obj.grant_type === 'refresh_token');
    assert.equal(lines.length, 1);
    assert.equal(lines[0].obj.trace_id, 'trace-abc');
  });
});

describe('refresh_token grant: reuse and races (RFC 9700 §4.14.2)', () => {
  test('reusing a rotated refresh token revokes the whole family (AS-14)', async () => {
    const first = await firstTokens();
    const second = await refresh(first.refresh_token);
    await invalidGrant(refresh(first.refresh_token), REUSED);
    assert.equal(await active(second.access_token), false);
    assert.equal(await active(second.refresh_token), false);
    await invalidGrant(refresh(second.refresh_token), 'The refresh token has been revoked.');
  });

  test('parallel refreshes with one token: at most one wins, and no token of the grant stays active (AS-15, AS-17)', async () => {
    const first = await firstTokens();
    const results = await Promise.allSettled([refresh(first.refresh_token), refresh(first.refresh_token)]);
    assert.ok(results.filter((r) => r.status === 'fulfilled').length <= 1);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    assert.ok(refused.length >= 1);
    for (const r of refused) assert.equal((r.reason as InvalidGrant).hint, REUSED);
    // The reuse was detected while the winner was minting: its new tokens are revoked too.
    const rows = [...(await h.stored.access()), ...(await h.stored.refresh())];
    assert.ok(rows.length >= 4);
    assert.ok(rows.every((row) => row.revokedAt !== null));
  });

  test('within the grace window a reused token rotates again; after it, reuse revokes the family (AS-16)', async () => {
    await setUp(30_000);
    const first = await firstTokens();
    const a = await refresh(first.refresh_token);
    h.clock.now += 10_000;
    const b = await refresh(first.refresh_token);
    assert.notEqual(a.refresh_token, b.refresh_token);
    assert.equal(await active(a.refresh_token), true);
    assert.equal(await active(b.refresh_token), true);
    h.clock.now += 30_000;
    await invalidGrant(refresh(first.refresh_token), REUSED);
    assert.equal(await active(a.refresh_token), false);
    assert.equal(await active(b.refresh_token), false);
  });
});

describe('refresh_token grant: other invalid_grant reasons', () => {
  test('a refresh token of another client', async () => {
    const first = await firstTokens();
    await invalidGrant(refresh(first.refresh_token, {}, 'other'), 'The refresh token was issued to another client.');
  });

  test('an unknown refresh token', async () => {
    await invalidGrant(refresh('ory_rt_unknown'), 'The refresh token is unknown, malformed, or was issued by another server.');
  });

  test('an expired refresh token', async () => {
    const first = await firstTokens();
    h.clock.now += h.ctx.config.ttl.refreshToken;
    await invalidGrant(refresh(first.refresh_token), 'The refresh token has expired.');
  });

  test('without offline_access the token dies with the login session', async () => {
    const first = await firstTokens({ scope: ['openid', 'email'] });
    await h.sessions.revokeAuthenticationSession('sid-1', h.clock.now);
    await invalidGrant(
      refresh(first.refresh_token),
      'The login session this refresh token was bound to has ended; sign in again, or request offline_access for refresh tokens that outlive it.',
    );
  });

  test('with offline_access the token outlives the login session', async () => {
    const first = await firstTokens();
    await h.sessions.revokeAuthenticationSession('sid-1', h.clock.now);
    assert.match((await refresh(first.refresh_token)).access_token, /^ory_at_/);
  });

  test('per-client lifespans override the global TTLs', async () => {
    await h.clients.add(
      {
        client_id: 'short', token_endpoint_auth_method: 'client_secret_post', grant_types: ['authorization_code', 'refresh_token'],
        refresh_token_grant_access_token_lifespan: '5m', authorization_code_grant_access_token_lifespan: '1h30m',
      },
      SECRET,
    );
    const seeded = await seedCode(h, 'short');
    const first = await token({ grant_type: 'authorization_code', code: seeded.code, redirect_uri: REDIRECT_URI, code_verifier: seeded.verifier }, 'short');
    assert.equal(first.expires_in, 5400);
    assert.equal((await refresh(first.refresh_token, {}, 'short')).expires_in, 300);
  });
});

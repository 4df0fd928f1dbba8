import { describe, test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { InvalidGrant, InvalidRequest, OAuth2Error, UnauthorizedClient, UnsupportedGrantType } from '../src/errors.ts';
import { handleTokenRequest } from '../src/grants/token-endpoint.ts';
import { introspectToken } from '../src/introspection.ts';
import { ISSUER, makeHarness, REDIRECT_URI, seedCode, T0, type Harness } from './tokens-fakes.ts';

const SECRET = 'web-secret-0123456789';
let h: Harness;

beforeEach(async () => {
  h = await makeHarness();
  await h.clients.add(
    { client_id: 'web', token_endpoint_auth_method: 'client_secret_post', grant_types: ['authorization_code', 'refresh_token'], redirect_uris: [REDIRECT_URI] },
    SECRET,
  );
  await h.clients.add({ client_id: 'other', token_endpoint_auth_method: 'client_secret_post', grant_types: ['authorization_code'] }, SECRET);
});

const exchange = (params: Record<string, string>, clientId = 'web') =>
  handleTokenRequest(h.ctx, {
    params: { grant_type: 'authorization_code', client_id: clientId, client_secret: SECRET, ...params },
    authorization: undefined,
    requestId: 'req-1',
  });

const redeem = async (clientId = 'web') => {
  const seeded = await seedCode(h, clientId);
  const params = { code: seeded.code, redirect_uri: REDIRECT_URI, code_verifier: seeded.verifier };
  return { ...seeded, params };
};

/** The rejection must be invalid_grant with exactly this hint. */
const invalidGrant = async (promise: Promise<unknown>, hint: string) => {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof InvalidGrant, `expected invalid_grant, got ${String(err)}`);
    assert.equal(err.hint, hint);
    return true;
  });
};

describe('authorization_code grant: success (RFC 6749 §4.1.3, OIDC Core §3.1.3)', () => {
  test('issues an access token, a refresh token and an ID token with the consent claims', async () => {
    const { params, session } = await redeem();
    const res = await exchange(params);
    assert.equal(res.token_type, 'bearer');
    assert.equal(res.expires_in, 900);
    assert.equal(res.scope, 'openid offline_access email');
    assert.match(res.access_token, /^ory_at_/);
    assert.match(res.refresh_token ?? '', /^ory_rt_/);

    const { payload, protectedHeader } = await jwtVerify(res.id_token ?? '', createLocalJWKSet(await h.keys.publicJwks()), {
      issuer: ISSUER,
      audience: 'web',
      currentDate: new Date(T0),
    });
    assert.equal(protectedHeader.kid, (await h.keys.signingKey('hydra.openid.id-token')).kid);
    assert.equal(payload.sub, 'user-1');
    assert.deepEqual(payload.aud, ['web']);
    assert.equal(payload.nonce, session.nonce);
    assert.equal(payload.sid, 'sid-1');
    assert.equal(payload.acr, 'urn:acr:pwd');
    assert.deepEqual(payload.amr, ['pwd']);
    assert.equal(payload.auth_time, Math.floor(session.authTime / 1000));
    assert.equal(payload.email, 'a@example.com');
    assert.equal(payload.exp, Math.floor(T0 / 1000) + 3600);
    const digest = createHash('sha256').update(res.access_token).digest();
    assert.equal(payload.at_hash, digest.subarray(0, 16).toString('base64url'));
  });

  test('the refresh token is offline with offline_access and bound to the login session without it', async () => {
    const offline = await redeem();
    await exchange(offline.params);
    const online = await seedCode(h, 'web', { session: { scope: ['openid'] } });
    await exchange({ code: online.code, redirect_uri: REDIRECT_URI, code_verifier: online.verifier });
    const flags = (await h.stored.refresh()).map((r) => [r.session.scope.join(' '), r.offline]);
    assert.deepEqual(flags, [['openid offline_access email', true], ['openid', false]]);
  });

  test('no refresh token for a client without the refresh_token grant, no ID token without openid', async () => {
    const seeded = await seedCode(h, 'other', { session: { scope: ['email'] } });
    const res = await exchange({ code: seeded.code, redirect_uri: REDIRECT_URI, code_verifier: seeded.verifier }, 'other');
    assert.equal(res.refresh_token, undefined);
    assert.equal(res.id_token, undefined);
    assert.equal(res.scope, 'email');
  });

  test('redirect_uri may be omitted when the authorization request did not send one', async () => {
    const seeded = await seedCode(h, 'web', { code: { redirectUriSent: false } });
    const res = await exchange({ code: seeded.code, code_verifier: seeded.verifier });
    assert.match(res.access_token, /^ory_at_/);
  });

  test('logs one decision line with the flow trace id and no token', async () => {
    const { params } = await redeem();
    const res = await exchange(params);
    const lines = h.log.lines.filter((l) => l.msg === 'token issued');
    assert.equal(lines.length, 1);
    assert.equal(lines[0].obj.trace_id, 'trace-abc');
    assert.equal(lines[0].obj.client_id, 'web');
    assert.equal(lines[0].obj.grant_type, 'authorization_code');
    const dump = JSON.stringify(h.log.lines);
    for (const secret of [res.access_token, res.refresh_token, res.id_token, params.code, params.code_verifier, SECRET]) {
      assert.ok(!dump.includes(String(secret)), 'a token or secret reached the log');
    }
  });
});

describe('authorization_code grant: every invalid_grant reason', () => {
  test('a replayed code is refused and the tokens it issued are revoked (AS-11)', async () => {
    const { params } = await redeem();
    const first = await exchange(params);
    await invalidGrant(exchange(params), 'The authorization code was already used; the tokens issued with it have been revoked.');
    assert.deepEqual(await introspectToken(h.ctx, { token: first.access_token, scope: undefined }), { active: false });
    assert.deepEqual(await introspectToken(h.ctx, { token: first.refresh_token, scope: undefined }), { active: false });
    assert.ok(h.log.lines.some((l) => l.level === 'warn' && l.msg === 'authorization code replayed: grant revoked'));
  });

  test('parallel redemptions of one code: exactly one succeeds, and the grant ends up revoked (AS-12)', async () => {
    const { params } = await redeem();
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => exchange(params)));
    const won = results.filter((r) => r.status === 'fulfilled');
    assert.equal(won.length, 1);
    assert.deepEqual(await introspectToken(h.ctx, { token: won[0].value.access_token, scope: undefined }), { active: false });
  });

  test('an expired code', async () => {
    const { params } = await redeem();
    h.clock.now += h.ctx.config.ttl.authCode;
    await invalidGrant(exchange(params), 'The authorization code has expired.');
  });

  test('a code issued to another client (AS-13)', async () => {
    const { params } = await redeem('web');
    await invalidGrant(exchange(params, 'other'), 'The authorization code was issued to another client.');
  });

  test('an unknown code', async () => {
    await invalidGrant(exchange({ code: 'ory_ac_nothing', redirect_uri: REDIRECT_URI, code_verifier: 'x'.repeat(43) }), 'The authorization code is unknown, malformed, or was issued by another server.');
  });

  test('a redirect URI that differs', async () => {
    const { params } = await redeem();
    await invalidGrant(
      exchange({ ...params, redirect_uri: `${REDIRECT_URI}/` }),
      `The redirect URI differs from the one in the authorization request: expected "${REDIRECT_URI}", got "${REDIRECT_URI}/".`,
    );
  });

  test('a redirect URI missing when the authorization request sent one', async () => {
    const { params } = await redeem();
    const { redirect_uri: _, ...withoutRedirect } = params;
    await invalidGrant(exchange(withoutRedirect), 'The redirect_uri is missing: the authorization request sent one, so the token request must repeat it (RFC 6749 §4.1.3).');
  });

  test('a code_verifier that does not match the challenge', async () => {
    const { params } = await redeem();
    await invalidGrant(exchange({ ...params, code_verifier: 'a'.repeat(43) }), 'The code_verifier does not match the code_challenge (RFC 7636 §4.6).');
  });

  test('a missing code_verifier', async () => {
    const { params } = await redeem();
    const { code_verifier: _, ...withoutVerifier } = params;
    await invalidGrant(exchange(withoutVerifier), 'The code_verifier is missing: the authorization request carried a code_challenge (RFC 7636 §4.5).');
  });

  for (const [label, verifier] of [['42 characters', 'a'.repeat(42)], ['129 characters', 'a'.repeat(129)], ['an "=" sign', `${'a'.repeat(42)}=`]]) {
    test(`a code_verifier of ${label} (AS-10)`, async () => {
      const { params } = await redeem();
      await invalidGrant(exchange({ ...params, code_verifier: verifier }), 'The code_verifier must be 43 to 128 characters from [A-Za-z0-9-._~] (RFC 7636 §4.1).');
    });
  }

  test('a code_verifier when the authorization request had no challenge (PKCE downgrade, AS-9)', async () => {
    const seeded = await seedCode(h, 'web', { code: { codeChallenge: '' } });
    await invalidGrant(
      exchange({ code: seeded.code, redirect_uri: REDIRECT_URI, code_verifier: seeded.verifier }),
      'The code_verifier was sent but the authorization request carried no code_challenge (RFC 9700 §4.8.2).',
    );
  });

  test('a failed PKCE check burns the code: the right verifier afterwards is a replay', async () => {
    const { params } = await redeem();
    await assert.rejects(exchange({ ...params, code_verifier: 'b'.repeat(43) }), InvalidGrant);
    await invalidGrant(exchange(params), 'The authorization code was already used; the tokens issued with it have been revoked.');
  });
});

describe('grant type checks (AS-30)', () => {
  const errorOf = async (promise: Promise<unknown>): Promise<OAuth2Error> => {
    try {
      await promise;
    } catch (err) {
      if (err instanceof OAuth2Error) return err;
      throw err;
    }
    assert.fail('expected a rejection');
  };

  test('a missing grant_type is invalid_request', async () => {
    const err = await errorOf(handleTokenRequest(h.ctx, { params: { client_id: 'web', client_secret: SECRET }, authorization: undefined, requestId: 'r' }));
    assert.ok(err instanceof InvalidRequest);
    assert.match(err.description, /missing the grant_type/);
  });

  for (const grant of ['password', 'implicit', 'urn:ietf:params:oauth:grant-type:device_code']) {
    test(`${grant} is unsupported_grant_type naming the supported grants`, async () => {
      const err = await errorOf(exchange({ grant_type: grant }));
      assert.ok(err instanceof UnsupportedGrantType);
      assert.match(err.hint, /^Olympus supports authorization_code, refresh_token, client_credentials\./);
    });
  }

  test('a grant the client is not registered for is unauthorized_client naming its grant_types', async () => {
    const err = await errorOf(exchange({ grant_type: 'client_credentials' }, 'other'));
    assert.ok(err instanceof UnauthorizedClient);
    assert.equal(err.hint, 'Client "other" has grant_types [authorization_code]; add client_credentials to its grant_types to use it.');
  });

  test('refusals are logged with the error code', async () => {
    await errorOf(exchange({ grant_type: 'password' }));
    const line = h.log.lines.find((l) => l.msg === 'token request refused');
    assert.equal(line?.obj.error, 'unsupported_grant_type');
  });
});

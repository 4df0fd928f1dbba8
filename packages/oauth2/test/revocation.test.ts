import { describe, test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidClient, OAuth2Error, TemporarilyUnavailable, UnauthorizedClient } from '../src/errors.ts';
import { handleTokenRequest } from '../src/grants/token-endpoint.ts';
import { introspectToken } from '../src/introspection.ts';
import { handleRevocationRequest } from '../src/revocation.ts';
import { basic, makeHarness, REDIRECT_URI, seedCode, type Harness } from './tokens-fakes.ts';

const SECRET = 'secret-0123456789abcdef';
let h: Harness;

beforeEach(async () => {
  h = await makeHarness();
  for (const id of ['web', 'other']) {
    await h.clients.add({ client_id: id, grant_types: ['authorization_code', 'refresh_token'] }, SECRET);
  }
  await h.clients.add({ client_id: 'spa', token_endpoint_auth_method: 'none', grant_types: ['authorization_code', 'refresh_token'] });
});

const issue = async (clientId = 'web') => {
  const seeded = await seedCode(h, clientId);
  const params = { grant_type: 'authorization_code', code: seeded.code, redirect_uri: REDIRECT_URI, code_verifier: seeded.verifier };
  return clientId === 'spa'
    ? handleTokenRequest(h.ctx, { params: { ...params, client_id: 'spa' }, authorization: undefined, requestId: 'r' })
    : handleTokenRequest(h.ctx, { params, authorization: basic(clientId, SECRET), requestId: 'r' });
};

const revoke = (params: Record<string, string>, clientId = 'web') =>
  handleRevocationRequest(h.ctx, { params, authorization: basic(clientId, SECRET), requestId: 'rev' });

const active = async (token: string | undefined) => (await introspectToken(h.ctx, { token, scope: undefined })).active;

const failure = async (promise: Promise<unknown>): Promise<OAuth2Error> => {
  try {
    await promise;
  } catch (err) {
    if (err instanceof OAuth2Error) return err;
    throw err;
  }
  assert.fail('expected a rejection');
};

describe('revocation (RFC 7009, AS-32)', () => {
  test('revoking an access token leaves the refresh token active', async () => {
    const t = await issue();
    await revoke({ token: t.access_token });
    assert.equal(await active(t.access_token), false);
    assert.equal(await active(t.refresh_token), true);
  });

  test('revoking a refresh token also revokes its access token', async () => {
    const t = await issue();
    await revoke({ token: t.refresh_token ?? '', token_type_hint: 'refresh_token' });
    assert.equal(await active(t.refresh_token), false);
    assert.equal(await active(t.access_token), false);
  });

  test('token_type_hint is only a hint: a wrong hint still finds the token', async () => {
    const t = await issue();
    await revoke({ token: t.refresh_token ?? '', token_type_hint: 'access_token' });
    assert.equal(await active(t.refresh_token), false);
  });

  test('an unknown token is a success', async () => {
    await revoke({ token: 'ory_at_never-issued' });
    await revoke({ token: 'garbage' });
    assert.ok(h.log.lines.some((l) => l.msg === 'revocation of an unknown token'));
  });

  test("another client's token is refused with unauthorized_client and stays active", async () => {
    const t = await issue('web');
    const err = await failure(revoke({ token: t.access_token }, 'other'));
    assert.ok(err instanceof UnauthorizedClient);
    assert.equal(err.status, 400);
    assert.equal(await active(t.access_token), true);
    const errRt = await failure(revoke({ token: t.refresh_token ?? '' }, 'other'));
    assert.ok(errRt instanceof UnauthorizedClient);
    assert.equal(await active(t.refresh_token), true);
  });

  test('client authentication is required, as at the token endpoint', async () => {
    const t = await issue();
    const err = await failure(handleRevocationRequest(h.ctx, { params: { token: t.access_token }, authorization: basic('web', 'wrong'), requestId: 'r' }));
    assert.ok(err instanceof InvalidClient);
    assert.equal(await active(t.access_token), true);
  });

  test('a public client revokes its own token with client_id only', async () => {
    const t = await issue('spa');
    await handleRevocationRequest(h.ctx, { params: { client_id: 'spa', token: t.refresh_token ?? '' }, authorization: undefined, requestId: 'r' });
    assert.equal(await active(t.refresh_token), false);
  });

  test('a storage failure is 503 temporarily_unavailable, never a success (CVE-2020-15223)', async () => {
    const t = await issue();
    h.tokens.failWith = new Error('connection reset');
    const err = await failure(revoke({ token: t.access_token }));
    assert.ok(err instanceof TemporarilyUnavailable);
    assert.equal(err.status, 503);
    h.tokens.failWith = undefined;
    assert.equal(await active(t.access_token), true);
  });
});

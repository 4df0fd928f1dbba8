import { describe, test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidClient, InvalidRequest, InvalidScope, OAuth2Error, UnauthorizedClient } from '../src/errors.ts';
import { handleTokenRequest } from '../src/grants/token-endpoint.ts';
import { introspectToken } from '../src/introspection.ts';
import { basic, makeHarness, type Harness } from './tokens-fakes.ts';

const SECRET = 'service-secret-0123456789';
let h: Harness;

beforeEach(async () => {
  h = await makeHarness();
  await h.clients.add(
    { client_id: 'svc', grant_types: ['client_credentials'], scope: 'read write', audience: ['https://api.example', 'https://billing.example'] },
    SECRET,
  );
  await h.clients.add({ client_id: 'public-svc', token_endpoint_auth_method: 'none', grant_types: ['client_credentials'] });
});

const cc = (params: Record<string, string>, authorization: string | undefined = basic('svc', SECRET)) =>
  handleTokenRequest(h.ctx, { params: { grant_type: 'client_credentials', ...params }, authorization, requestId: 'req-cc' });

const failure = async (promise: Promise<unknown>): Promise<OAuth2Error> => {
  try {
    await promise;
  } catch (err) {
    if (err instanceof OAuth2Error) return err;
    throw err;
  }
  assert.fail('expected a rejection');
};

describe('client_credentials grant (RFC 6749 §4.4)', () => {
  test('issues an access token for the client itself, with no refresh or ID token', async () => {
    const res = await cc({ scope: 'read', audience: 'https://api.example' });
    assert.deepEqual(Object.keys(res).sort(), ['access_token', 'expires_in', 'scope', 'token_type']);
    assert.equal(res.scope, 'read');
    const info = await introspectToken(h.ctx, { token: res.access_token, scope: undefined });
    assert.equal(info.active, true);
    assert.equal(info.sub, 'svc');
    assert.equal(info.client_id, 'svc');
    assert.deepEqual(info.aud, ['https://api.example']);
  });

  test('the request id becomes the trace id of the log line', async () => {
    await cc({});
    const line = h.log.lines.find((l) => l.msg === 'token issued');
    assert.equal(line?.obj.trace_id, 'req-cc');
    assert.equal(line?.obj.grant_type, 'client_credentials');
  });

  test('a scope the client is not registered for is invalid_scope naming it', async () => {
    const err = await failure(cc({ scope: 'read admin delete' }));
    assert.ok(err instanceof InvalidScope);
    assert.equal(err.hint, 'Client "svc" may not request admin, delete; its scope is "read write".');
  });

  test('an audience the client is not registered for is invalid_request naming it', async () => {
    const err = await failure(cc({ audience: 'https://api.example https://evil.example' }));
    assert.ok(err instanceof InvalidRequest);
    assert.match(err.hint, /may not request audience https:\/\/evil\.example; its audience is \[https:\/\/api\.example, https:\/\/billing\.example\]/);
  });

  test('a public client is refused (confidential clients only)', async () => {
    const err = await failure(
      handleTokenRequest(h.ctx, { params: { grant_type: 'client_credentials', client_id: 'public-svc' }, authorization: undefined, requestId: 'r' }),
    );
    assert.ok(err instanceof UnauthorizedClient);
    assert.match(err.hint, /needs a confidential client/);
  });

  test('a wrong secret is invalid_client', async () => {
    const err = await failure(cc({}, basic('svc', 'nope')));
    assert.ok(err instanceof InvalidClient);
  });
});

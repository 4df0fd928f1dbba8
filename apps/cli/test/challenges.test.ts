import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useFakeApi, type FakeApi } from './helpers/fake-api.ts';
import { runCli } from './helpers/capture-io.ts';

let api: FakeApi;
const loginRequest = {
  challenge: 'ch-1',
  skip: false,
  subject: '',
  client: { client_id: 'playground-client', client_name: 'Playground' },
  request_url: 'http://localhost:4444/oauth2/auth?client_id=playground-client&response_type=code',
  requested_scope: ['openid', 'profile'],
  requested_access_token_audience: [],
};

useFakeApi((started) => (api = started));

describe('get login-request', () => {
  test('200 means pending; shows client, scope and request URL', async () => {
    api.on('GET', '/admin/oauth2/auth/requests/login', { body: loginRequest });
    const result = await runCli(['get', 'login-request', 'ch-1', '-e', api.url]);
    assert.equal(result.code, 0);
    assert.equal(api.requests[0].query.get('login_challenge'), 'ch-1');
    assert.match(result.stdout, /^STATUS\s+pending$/m);
    assert.match(result.stdout, /^CLIENT ID\s+playground-client$/m);
    assert.match(result.stdout, /^REQUESTED SCOPE\s+openid, profile$/m);
    assert.match(
      result.stdout,
      /^REQUEST URL\s+http:\/\/localhost:4444\/oauth2\/auth\?client_id=playground-client&response_type=code$/m,
    );
    assert.doesNotMatch(result.stdout, /REDIRECT TO/);
  });

  test('410 shows how it ended: status, subject and redirect_to', async () => {
    api.on('GET', '/admin/oauth2/auth/requests/login', {
      status: 410,
      body: {
        status: 'accepted',
        request: { ...loginRequest, subject: 'user-7' },
        redirect_to: 'http://localhost:4444/oauth2/auth?login_verifier=v',
      },
    });
    const result = await runCli(['get', 'login-request', 'ch-1', '-e', api.url]);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /^STATUS\s+accepted$/m);
    assert.match(result.stdout, /^SUBJECT\s+user-7$/m);
    assert.match(result.stdout, /^REDIRECT TO\s+http:\/\/localhost:4444\/oauth2\/auth\?login_verifier=v$/m);
  });

  test('410 shows the envelope description; JSON keeps the whole body', async () => {
    const body = {
      error: 'request_handled',
      error_description: 'The login request was already rejected.',
      status: 'rejected',
      request: loginRequest,
      redirect_to: 'http://localhost:4444/oauth2/auth?login_verifier=v',
    };
    api.on('GET', '/admin/oauth2/auth/requests/login', { status: 410, body });
    const table = await runCli(['get', 'login-request', 'ch-1', '-e', api.url]);
    assert.match(table.stdout, /^STATUS\s+rejected$/m);
    assert.match(table.stdout, /^NOTE\s+request_handled — The login request was already rejected\.$/m);
    const json = await runCli(['get', 'login-request', 'ch-1', '-e', api.url, '--format', 'json']);
    assert.deepEqual(JSON.parse(json.stdout), body);
  });

  test('a nested rejection error is shown too', async () => {
    const error = { error: 'access_denied', error_description: 'The user said no.' };
    api.on('GET', '/admin/oauth2/auth/requests/login', {
      status: 410,
      body: { status: 'rejected', request: loginRequest, error },
    });
    const table = await runCli(['get', 'login-request', 'ch-1', '-e', api.url]);
    assert.match(table.stdout, /^NOTE\s+access_denied — The user said no\.$/m);
  });

  test('a bare hydra 410 {redirect_to} still prints', async () => {
    api.on('GET', '/admin/oauth2/auth/requests/login', { status: 410, body: { redirect_to: 'http://x/cb' } });
    const result = await runCli(['get', 'login-request', 'ch-1', '-e', api.url]);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /^STATUS\s+handled$/m);
  });

  test('404 says unknown challenge, exit 1', async () => {
    api.on('GET', '/admin/oauth2/auth/requests/login', {
      status: 404,
      body: { error: 'not_found', error_description: 'Unable to locate the resource' },
    });
    const result = await runCli(['get', 'login-request', 'nope', '-e', api.url]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^error: unknown challenge: no login request "nope"/);
  });

  test('other errors are printed as API errors', async () => {
    api.on('GET', '/admin/oauth2/auth/requests/login', {
      status: 400,
      body: { error: 'invalid_request', error_description: 'The login_challenge is malformed.' },
    });
    const result = await runCli(['get', 'login-request', '%%%', '-e', api.url]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^error: invalid_request — The login_challenge is malformed\.\n/);
  });
});

describe('get consent-request', () => {
  test('asks the consent endpoint with consent_challenge', async () => {
    api.on('GET', '/admin/oauth2/auth/requests/consent', {
      status: 410,
      body: { status: 'used', request: { ...loginRequest, subject: 'user-7' }, redirect_to: 'http://app/cb?code=x' },
    });
    const result = await runCli(['get', 'consent-request', 'cc-9', '-e', api.url]);
    assert.equal(result.code, 0);
    assert.equal(api.requests[0].query.get('consent_challenge'), 'cc-9');
    assert.match(result.stdout, /^STATUS\s+used$/m);
    assert.match(result.stdout, /^CHALLENGE\s+cc-9$/m);
  });
});

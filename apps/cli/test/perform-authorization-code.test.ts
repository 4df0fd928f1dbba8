import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performAuthorizationCode, type AuthorizationCodeOptions } from '../src/index.ts';
import { ApiError, CommandFailed } from '../src/errors.ts';
import { CallbackServerError } from '../src/authorization-code/perform.ts';
import { startFakeAuthorizationServer, type FakeAuthorizationServer } from './helpers/fake-authorization-server.ts';
import { runCli } from './helpers/capture-io.ts';

let as: FakeAuthorizationServer;
before(async () => {
  as = await startFakeAuthorizationServer();
});
after(() => as.close());
beforeEach(() => {
  as.behaviour = {};
  as.authorizeRequests.length = 0;
  as.tokenRequests.length = 0;
});

/** What a browser does: open the URL, follow the redirect back to the callback server. */
const browse = async (url: string): Promise<{ status: number; text: string }> => {
  const response = await fetch(url);
  return { status: response.status, text: await response.text() };
};

const options = (overrides: Partial<AuthorizationCodeOptions> = {}): AuthorizationCodeOptions => ({
  clientId: 'playground-client',
  scope: ['openid', 'offline_access'],
  port: 0,
  authUrl: `${as.url}/oauth2/auth`,
  tokenUrl: `${as.url}/oauth2/token`,
  ...overrides,
});

/** Runs the flow with a browser that opens the reported URL; returns both outcomes. */
const runFlow = async (opts: AuthorizationCodeOptions) => {
  let page: Promise<{ status: number; text: string }> | undefined;
  const flow = performAuthorizationCode(opts, { onAuthorizationUrl: (url) => void (page = browse(url)) });
  const outcome = await flow.then(
    (value) => ({ value, error: undefined }),
    (error: unknown) => ({ value: undefined, error }),
  );
  return { ...outcome, page: await page! };
};

describe('performAuthorizationCode', () => {
  test('a public client gets tokens: PKCE S256, state and nonce sent; verifier checked by the server', async () => {
    const { value, error, page } = await runFlow(options());
    assert.equal(error, undefined);
    assert.equal(value!.tokens.access_token, 'ory_at_test');
    assert.equal(value!.tokens.refresh_token, 'ory_rt_test');
    assert.equal(value!.idTokenClaims?.sub, 'user-7');
    assert.equal(page.status, 200);
    assert.match(page.text, /Signed in/);

    const [authorize] = as.authorizeRequests;
    assert.equal(authorize.get('response_type'), 'code');
    assert.equal(authorize.get('client_id'), 'playground-client');
    assert.equal(authorize.get('scope'), 'openid offline_access');
    assert.equal(authorize.get('code_challenge_method'), 'S256');
    assert.match(authorize.get('code_challenge') ?? '', /^[A-Za-z0-9_-]{43}$/);
    assert.match(authorize.get('state') ?? '', /^[A-Za-z0-9_-]{32}$/);
    assert.match(authorize.get('nonce') ?? '', /^[A-Za-z0-9_-]{32}$/);
    assert.match(authorize.get('redirect_uri') ?? '', /^http:\/\/127\.0\.0\.1:\d+\/callback$/);

    const [token] = as.tokenRequests;
    assert.equal(token.headers.authorization, undefined);
    assert.equal(token.form().get('client_id'), 'playground-client');
  });

  test('a confidential client authenticates with client_secret_basic', async () => {
    const { error } = await runFlow(
      options({ clientSecret: 's3cret', prompt: ['login', 'consent'], maxAge: 60, audience: ['api'] }),
    );
    assert.equal(error, undefined);
    assert.equal(
      as.tokenRequests[0].headers.authorization,
      `Basic ${Buffer.from('playground-client:s3cret').toString('base64')}`,
    );
    assert.equal(as.tokenRequests[0].form().has('client_id'), false);
    assert.equal(as.authorizeRequests[0].get('prompt'), 'login consent');
    assert.equal(as.authorizeRequests[0].get('max_age'), '60');
    assert.equal(as.authorizeRequests[0].get('audience'), 'api');
  });

  test('a callback with another state is refused and no code is exchanged', async () => {
    as.behaviour.state = 'forged';
    const { error, page } = await runFlow(options());
    assert.ok(error instanceof CommandFailed);
    assert.match(error.message, /state mismatch/);
    assert.equal(page.status, 400);
    assert.equal(as.tokenRequests.length, 0);
  });

  test('an error response is reported with its description and hint', async () => {
    as.behaviour.error = {
      error: 'access_denied',
      error_description: 'The resource owner denied the request.',
      error_hint: 'The user clicked deny.',
    };
    const { error } = await runFlow(options());
    assert.ok(error instanceof ApiError);
    assert.equal(error.details.error, 'access_denied');
    assert.equal(error.details.hint, 'The user clicked deny.');
  });

  test('a verifier that does not match the challenge fails at the token endpoint', async () => {
    as.behaviour.challenge = 'not-the-challenge-we-sent';
    const { error } = await runFlow(options());
    assert.ok(error instanceof ApiError);
    assert.equal(error.details.error, 'invalid_grant');
    assert.equal(error.details.hint, 'The code_verifier does not match the code_challenge.');
  });

  test('an ID token with another nonce is refused', async () => {
    as.behaviour.nonce = 'replayed-nonce';
    const { error } = await runFlow(options());
    assert.ok(error instanceof CommandFailed);
    assert.match(error.message, /nonce mismatch/);
  });

  test('a fixed --state is used as given', async () => {
    const { error } = await runFlow(options({ state: 'debug-state' }));
    assert.equal(error, undefined);
    assert.equal(as.authorizeRequests[0].get('state'), 'debug-state');
  });

  test('a taken port is reported as such', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    await assert.rejects(
      performAuthorizationCode(options({ port }), { onAuthorizationUrl: () => assert.fail('must not report a URL') }),
      (error: unknown) =>
        error instanceof CallbackServerError && error.message.includes(`port ${port} is already in use`),
    );
    await new Promise((resolve) => blocker.close(resolve));
  });

  test('aborting stops the flow', async () => {
    const controller = new AbortController();
    const flow = performAuthorizationCode(options({ signal: controller.signal }), {
      onAuthorizationUrl: () => controller.abort(new Error('user gave up')),
    });
    await assert.rejects(flow, /user gave up/);
  });
});

describe('olympus perform authorization-code', () => {
  test('prints the URL on stderr, then the tokens and decoded claims', async () => {
    let page: Promise<unknown> | undefined;
    const onStderr = (text: string) => {
      const url = /https?:\/\/\S+\/oauth2\/auth\?\S+/.exec(text)?.[0];
      if (url) page = browse(url);
    };
    const result = await runCli(
      [
        'perform',
        'authorization-code',
        '--client-id',
        'playground-client',
        '-p',
        '0',
        '-e',
        as.url,
        '--no-open',
        '--format',
        'json',
      ],
      { onStderr },
    );
    await page;
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /^Open this URL in a browser:\n/);
    const printed = JSON.parse(result.stdout) as {
      access_token: string;
      id_token_claims: { sub: string; email: string };
    };
    assert.equal(printed.access_token, 'ory_at_test');
    assert.equal(printed.id_token_claims.sub, 'user-7');
    assert.equal(printed.id_token_claims.email, 'ada@example.com');
  });

  test('the table shows the tokens and the claims', async () => {
    let page: Promise<unknown> | undefined;
    const result = await runCli(['perform', 'authorization-code', '--client-id', 'c', '--port', '0', '-e', as.url], {
      onStderr: (text) => {
        const url = /https?:\/\/\S+\/oauth2\/auth\?\S+/.exec(text)?.[0];
        if (url) page = browse(url);
      },
    });
    await page;
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^ACCESS TOKEN\s+ory_at_test$/m);
    assert.match(result.stdout, /^REFRESH TOKEN\s+ory_rt_test$/m);
    assert.match(result.stdout, /ID TOKEN CLAIMS \(decoded, signature not checked\):\n\{\n {2}"nonce"/);
  });

  test('--port out of range is a usage error', async () => {
    const result = await runCli(['perform', 'authorization-code', '--client-id', 'c', '--port', '70000']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /flag --port needs a whole number from 0 to 65535/);
  });
});

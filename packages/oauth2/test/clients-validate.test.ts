import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { OAuth2Error } from '../src/errors.ts';
import { clientWithDefaults } from '../src/clients/defaults.ts';
import { readClientDocument, validateClient } from '../src/clients/validate.ts';
import { parseGoDuration } from '../src/clients/duration.ts';

const check = (input: unknown, dev = false): void => {
  const { fields, secret } = readClientDocument(input);
  validateClient({ client: clientWithDefaults(fields, Date.UTC(2025, 0, 1)), secret }, { dev });
};

const failure = (input: unknown, dev = false): OAuth2Error => {
  try {
    check(input, dev);
  } catch (err) {
    assert.ok(err instanceof OAuth2Error, `expected an OAuth2Error, got ${String(err)}`);
    return err;
  }
  assert.fail(`accepted ${JSON.stringify(input)}`);
};

const web = { redirect_uris: ['https://app.example/cb'] };
const META = 'invalid_client_metadata';
const REDIRECT = 'invalid_redirect_uri';

/** [name, input, error code, pattern the description must match (field, value, fix)] */
const rejected: [string, unknown, string, RegExp][] = [
  ['body is an array', [], META, /must be a JSON object.*an array/],
  ['unknown field with a near name', { ...web, redirect_uri: 'x' }, META, /Field "redirect_uri" is not a known.*Did you mean "redirect_uris"\?/],
  ['unknown field without a near name', { ...web, favourite_colour: 'blue' }, META, /Field "favourite_colour".*Remove it/],
  ['array field sent as string', { ...web, grant_types: 'client_credentials' }, META, /grant_types must be an array of strings.*Wrap it in an array: \["client_credentials"\]/],
  ['array with a non-string', { ...web, audience: ['a', 1] }, META, /audience must be an array of strings.*\["a",1\]/],
  ['boolean sent as string', { ...web, skip_consent: 'true' }, META, /skip_consent must be true or false.*without quotes: true/],
  ['object sent as array', { ...web, metadata: [] }, META, /metadata must be a JSON object, but \[\] is an array/],
  ['scope sent as array', { ...web, scope: ['openid', 'offline'] }, META, /scope must be a string.*"openid offline"/],
  ['relative redirect URI', { redirect_uris: ['/cb'] }, REDIRECT, /redirect_uris\[0\] "\/cb" is not an absolute URI/],
  ['host:port without scheme', { redirect_uris: ['localhost:3000/cb'] }, REDIRECT, /"localhost:3000\/cb" looks like host:port.*"http:\/\/localhost:3000\/cb"/],
  ['redirect URI with whitespace', { redirect_uris: ['https://app.example/cb '] }, REDIRECT, /redirect_uris\[0\].*whitespace/],
  ['fragment (RFC 6749 §3.1.2)', { redirect_uris: ['https://app.example/cb#x'] }, REDIRECT, /redirect_uris\[0\] "https:\/\/app.example\/cb#x" contains a fragment.*RFC 6749 §3.1.2/],
  ['javascript scheme', { redirect_uris: ['javascript:alert(1)'] }, REDIRECT, /"javascript:alert\(1\)" uses the javascript: scheme/],
  ['JavaScript scheme, mixed case', { redirect_uris: ['JavaScript:alert(1)'] }, REDIRECT, /uses the javascript: scheme/],
  ['data scheme', { redirect_uris: ['data:text/html,hi'] }, REDIRECT, /uses the data: scheme/],
  ['file scheme', { redirect_uris: ['FILE:///etc/passwd'] }, REDIRECT, /uses the file: scheme/],
  ['vbscript scheme', { redirect_uris: ['VBScript:msgbox'] }, REDIRECT, /uses the vbscript: scheme/],
  ['code in the query (AS-5)', { redirect_uris: ['https://app.example/cb?code=x'] }, REDIRECT, /response parameter "code"/],
  ['state in the query (AS-5)', { redirect_uris: ['https://app.example/cb?a=1&state=x'] }, REDIRECT, /response parameter "state"/],
  ['iss in the query (AS-5)', { redirect_uris: ['https://app.example/cb?iss=x'] }, REDIRECT, /response parameter "iss"/],
  ['error in the query (AS-5)', { redirect_uris: ['https://app.example/cb?error='] }, REDIRECT, /response parameter "error"/],
  ['id_token in the query (AS-5)', { redirect_uris: ['https://app.example/cb?id_token=x'] }, REDIRECT, /response parameter "id_token"/],
  ['http to a non-loopback host', { redirect_uris: ['http://app.example/cb'] }, REDIRECT, /redirect_uris\[0\] "http:\/\/app.example\/cb" uses http.*use "https:\/\/app.example\/cb"/],
  ['http to a lookalike of 127.0.0.1', { redirect_uris: ['http://127.0.0.1.evil.com/cb'] }, REDIRECT, /uses http, which is allowed only for loopback/],
  ['wildcard', { redirect_uris: ['https://*.app.example/cb'] }, REDIRECT, /contains "\*".*exactly/],
  ['user info hiding the host', { redirect_uris: ['https://app.example@evil.com/cb'] }, REDIRECT, /user information.*\(evil.com\)/],
  ['second redirect URI named by index', { redirect_uris: ['https://app.example/cb', 'https://app.example/x#y'] }, REDIRECT, /redirect_uris\[1\]/],
  ['post-logout URI over http', { ...web, post_logout_redirect_uris: ['http://app.example/bye'] }, REDIRECT, /post_logout_redirect_uris\[0\] "http:\/\/app.example\/bye" uses http/],
  ['post-logout URI with a fragment', { ...web, post_logout_redirect_uris: ['https://app.example/bye#x'] }, REDIRECT, /post_logout_redirect_uris\[0\].*fragment/],
  ['post-logout URI on another host', { ...web, post_logout_redirect_uris: ['https://other.example/bye'] }, REDIRECT, /post_logout_redirect_uris\[0\] "https:\/\/other.example\/bye" must have the scheme, host and port/],
  ['CORS origin with a path', { ...web, allowed_cors_origins: ['https://app.example/spa'] }, META, /allowed_cors_origins\[0\] "https:\/\/app.example\/spa" has a path.*"https:\/\/app.example"/],
  ['CORS origin with a trailing slash', { ...web, allowed_cors_origins: ['https://app.example/'] }, META, /allowed_cors_origins\[0\].*write "https:\/\/app.example"/],
  ['CORS origin in upper case', { ...web, allowed_cors_origins: ['https://APP.example'] }, META, /write "https:\/\/app.example"/],
  ['CORS origin over http', { ...web, allowed_cors_origins: ['http://app.example'] }, META, /allowed_cors_origins\[0\].*uses http/],
  ['CORS origin with a wildcard', { ...web, allowed_cors_origins: ['https://*.app.example'] }, META, /allowed_cors_origins\[0\].*"\*"/],
  ['implicit grant (RFC 9700 §2.1.2)', { ...web, grant_types: ['authorization_code', 'implicit'] }, META, /grant_types contains "implicit", which Olympus does not support.*RFC 9700 §2.1.2/],
  ['password grant (RFC 9700 §2.4)', { ...web, grant_types: ['password'] }, META, /grant_types contains "password", which Olympus does not support.*RFC 9700 §2.4/],
  ['unknown grant', { ...web, grant_types: ['urn:ietf:params:oauth:grant-type:device_code'] }, META, /grant_types contains "urn:ietf:params:oauth:grant-type:device_code".*Use only authorization_code, refresh_token, client_credentials/],
  ['token response type', { ...web, response_types: ['token'] }, META, /response_types contains "token".*only "code"/],
  ['hybrid response type', { ...web, response_types: ['code', 'code id_token'] }, META, /response_types contains "code id_token"/],
  ['code grant without redirect URI', { grant_types: ['authorization_code'] }, REDIRECT, /redirect_uris is empty.*authorization_code/],
  ['default grant without redirect URI', {}, REDIRECT, /redirect_uris is empty/],
  ['unknown auth method', { ...web, token_endpoint_auth_method: 'tls_client_auth' }, META, /token_endpoint_auth_method is "tls_client_auth", but it must be one of client_secret_basic, client_secret_post, private_key_jwt, none/],
  ['client_secret_jwt', { ...web, token_endpoint_auth_method: 'client_secret_jwt' }, META, /"client_secret_jwt".*stores only hashes; use private_key_jwt/],
  ['public client with client_credentials', { grant_types: ['client_credentials'], token_endpoint_auth_method: 'none' }, META, /grant_types contains client_credentials.*"none".*cannot authenticate/],
  ['private_key_jwt without keys', { ...web, token_endpoint_auth_method: 'private_key_jwt' }, META, /"private_key_jwt", but neither jwks nor jwks_uri is set/],
  ['private_key_jwt with a secret', { ...web, token_endpoint_auth_method: 'private_key_jwt', jwks_uri: 'https://app.example/jwks', client_secret: 'abcdefgh' }, META, /client_secret is set, but token_endpoint_auth_method "private_key_jwt" does not use a secret/],
  ['public client with a secret', { ...web, token_endpoint_auth_method: 'none', client_secret: 'abcdefgh' }, META, /client_secret is set, but token_endpoint_auth_method "none"/],
  ['jwks and jwks_uri together', { ...web, jwks_uri: 'https://app.example/jwks', jwks: { keys: [{ kty: 'EC' }] } }, META, /jwks and jwks_uri are both set/],
  ['jwks with a private key', { ...web, token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [{ kty: 'EC', d: 'secret' }] } }, META, /jwks.keys\[0\] contains the private member "d"/],
  ['jwks key without kty', { ...web, jwks: { keys: [{ kid: 'a' }] } }, META, /jwks.keys\[0\] must be a JWK object with a "kty"/],
  ['short caller secret', { ...web, client_secret: 'abc' }, META, /client_secret must contain a secret that is at least 6 characters long, but has 3.*leave client_secret out/],
  ['symmetric assertion alg', { ...web, token_endpoint_auth_method: 'private_key_jwt', jwks_uri: 'https://app.example/jwks', token_endpoint_auth_signing_alg: 'HS256' }, META, /token_endpoint_auth_signing_alg is "HS256".*RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512/],
  ['unknown access token strategy', { ...web, access_token_strategy: 'magic' }, META, /access_token_strategy is "magic", but must be "opaque", "jwt"/],
  ['pairwise subjects', { ...web, subject_type: 'pairwise' }, META, /subject_type is "pairwise".*not supported yet/],
  ['userinfo alg', { ...web, userinfo_signed_response_alg: 'HS256' }, META, /userinfo_signed_response_alg is "HS256", but must be "none" or "RS256"/],
  ['lifespan not a Go duration', { ...web, authorization_code_grant_access_token_lifespan: '1 hour' }, META, /authorization_code_grant_access_token_lifespan is "1 hour", which is not a Go duration.*"1h"/],
  ['lifespan of zero', { ...web, refresh_token_grant_refresh_token_lifespan: '0s' }, META, /refresh_token_grant_refresh_token_lifespan is "0s"; a lifespan must be longer than zero/],
  ['implicit lifespan set', { ...web, implicit_grant_access_token_lifespan: '1h' }, META, /implicit_grant_access_token_lifespan is "1h", but Olympus does not support the implicit grant/],
  ['scope with a quote (RFC 6749 §3.3)', { ...web, scope: 'openid "email"' }, META, /scope contains "\\"email\\"".*RFC 6749 §3.3/],
  ['scope with a backslash', { ...web, scope: 'openid a\\b' }, META, /scope contains "a\\\\b"/],
  ['client_id with a space', { ...web, client_id: 'my client' }, META, /client_id "my client" must be 1 to 255 visible ASCII/],
  ['logo_uri with javascript', { ...web, logo_uri: 'javascript:alert(1)' }, META, /logo_uri "javascript:alert\(1\)" must be an http\(s\) URL/],
  ['jwks_uri over http', { ...web, jwks_uri: 'http://keys.example/jwks' }, META, /jwks_uri "http:\/\/keys.example\/jwks" uses http/],
  ['backchannel URI with user info', { ...web, backchannel_logout_uri: 'https://a@b.example/bc' }, META, /backchannel_logout_uri.*user information/],
];

describe('client validation rejects, naming field, value and fix', () => {
  for (const [name, input, code, pattern] of rejected) {
    test(name, () => {
      const err = failure(input);
      assert.equal(err.error, code);
      assert.equal(err.status, 400);
      assert.match(err.description, pattern);
    });
  }
});

describe('client validation accepts', () => {
  const accepted: [string, unknown, boolean?][] = [
    ['https redirect URI', web],
    ['http on 127.0.0.1 (RFC 8252 §7.3)', { redirect_uris: ['http://127.0.0.1:8080/cb'] }],
    ['http on [::1]', { redirect_uris: ['http://[::1]/cb'] }],
    ['http on localhost', { redirect_uris: ['http://localhost:3000/cb'] }],
    ['http anywhere in dev mode', { redirect_uris: ['http://app.example/cb'], allowed_cors_origins: ['http://app.example'] }, true],
    ['custom scheme for native apps (RFC 8252 §7.1)', { redirect_uris: ['com.example.app:/oauth2redirect'], token_endpoint_auth_method: 'none' }],
    ['harmless query', { redirect_uris: ['https://app.example/cb?tenant=a'] }],
    ['post-logout URI on a redirect host', { ...web, post_logout_redirect_uris: ['https://app.example/bye'] }],
    ['CORS origin with port', { ...web, allowed_cors_origins: ['https://app.example:8443'] }],
    ['machine client', { grant_types: ['client_credentials'] }],
    ['private_key_jwt with jwks', { ...web, token_endpoint_auth_method: 'private_key_jwt', token_endpoint_auth_signing_alg: 'ES256', jwks: { keys: [{ kty: 'EC', crv: 'P-256', x: 'a', y: 'b' }] } }],
    ['caller secret of 6 characters', { ...web, client_secret: 'abcdef' }],
    ['Go durations', { ...web, authorization_code_grant_access_token_lifespan: '1h30m', client_credentials_grant_access_token_lifespan: '90s' }],
    ['a client as GET shows it, with Hydra\'s extra null lifespans', {
      ...clientWithDefaults(web, 0), implicit_grant_access_token_lifespan: null, device_authorization_grant_id_token_lifespan: null,
      registration_access_token: '', registration_client_uri: '',
    }],
    ['nulls meaning "not set"', { ...web, contacts: null, metadata: null, jwks: null, grant_types: null, skip_logout_consent: null }],
  ];
  for (const [name, input, dev] of accepted) test(name, () => assert.doesNotThrow(() => check(input, dev ?? false)));
});

describe('clientWithDefaults', () => {
  test('fills Hydra\'s defaults', () => {
    const now = Date.UTC(2025, 4, 6, 7, 8, 9);
    const client = clientWithDefaults({}, now);
    assert.match(client.client_id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.deepEqual(client.grant_types, ['authorization_code']);
    assert.deepEqual(client.response_types, ['code']);
    assert.equal(client.scope, 'offline_access offline openid');
    assert.equal(client.token_endpoint_auth_method, 'client_secret_basic');
    assert.equal(client.subject_type, 'public');
    assert.equal(client.userinfo_signed_response_alg, 'none');
    assert.deepEqual([client.redirect_uris, client.audience, client.allowed_cors_origins, client.request_uris], [[], [], [], []]);
    assert.equal(client.skip_consent, false);
    assert.equal(client.skip_logout_consent, null);
    assert.deepEqual(client.metadata, {});
    assert.equal(client.authorization_code_grant_access_token_lifespan, null);
    assert.equal(client.created_at, '2025-05-06T07:08:09.000Z');
    assert.equal(client.updated_at, client.created_at);
    assert.equal(client.client_secret_expires_at, 0);
  });

  test('two clients get different ids; a given id is kept', () => {
    assert.notEqual(clientWithDefaults({}, 0).client_id, clientWithDefaults({}, 0).client_id);
    assert.equal(clientWithDefaults({ client_id: 'billing' }, 0).client_id, 'billing');
  });
});

describe('parseGoDuration', () => {
  test('reads Go durations in milliseconds', () => {
    assert.equal(parseGoDuration('1h30m'), 5_400_000);
    assert.equal(parseGoDuration('1.5h'), 5_400_000);
    assert.equal(parseGoDuration('300ms'), 300);
    assert.equal(parseGoDuration('2m3s'), 123_000);
    assert.equal(parseGoDuration('0'), 0);
  });
  test('refuses what is not one', () => {
    for (const text of ['', '1', '1 hour', '-1h', 'h', '1h ', '1d']) assert.equal(parseGoDuration(text), undefined, text);
  });
});

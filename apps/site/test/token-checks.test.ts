/**
 * The playground's token checks (apps/site/src/tokens) on tokens minted here with jose: a good ID
 * token passes every check that applies, and each way a token can be wrong fails exactly the check
 * OIDC Core §3.1.3.7 names for it, with the reason that says why.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exportJWK, generateKeyPair, SignJWT, UnsecuredJWT, type JSONWebKeySet, type JWTPayload } from 'jose';
import { checkAccessToken, checkIdToken, decodeToken, expectedAtHash, renderToken, type IdTokenExpectations, type TokenCheck } from '../src/tokens/index.ts';
import { EN } from '../src/i18n/en.ts';
import { DE } from '../src/i18n/de.ts';
import type { Translator } from '../src/i18n/translator.ts';

const ISSUER = 'https://id.example.test';
const CLIENT = 'shop';
const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const nowSeconds = NOW / 1000;

const server = await generateKeyPair('RS256');
const stranger = await generateKeyPair('RS256');
const JWKS: JSONWebKeySet = { keys: [{ ...(await exportJWK(server.publicKey)), kid: 'server-1', alg: 'RS256', use: 'sig' }] };

const ACCESS_TOKEN = 'ory_at_example-access-token.signature';

const goodClaims = (): JWTPayload => ({
  iss: ISSUER, sub: 'user-1', aud: [CLIENT], iat: nowSeconds - 5, exp: nowSeconds + 3600, auth_time: nowSeconds - 30,
  nonce: 'nonce-1', acr: '1', at_hash: expectedAtHash(ACCESS_TOKEN, 'RS256'), sid: 'session-1',
});

const sign = (claims: JWTPayload, opts: { key?: CryptoKey; kid?: string } = {}): Promise<string> =>
  new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: opts.kid ?? 'server-1', typ: 'JWT' }).sign(opts.key ?? server.privateKey);

const expectations = (extra: Partial<IdTokenExpectations> = {}): IdTokenExpectations => ({
  issuer: ISSUER, clientId: CLIENT, nonce: 'nonce-1', maxAge: 300, acrValues: ['1', '2'], accessToken: ACCESS_TOKEN, now: NOW, ...extra,
});

const byId = (checks: readonly TokenCheck[], id: TokenCheck['id']): TokenCheck => {
  const found = checks.find((c) => c.id === id);
  assert.ok(found, `no ${id} check`);
  return found;
};

const failedIds = (checks: readonly TokenCheck[]): string[] => checks.filter((c) => c.status === 'failed').map((c) => c.id);

const translator = (locale: 'en' | 'de'): Translator => {
  const catalog: Record<string, string> = locale === 'en' ? EN : DE;
  return { locale, t: (key, vars) => catalog[key]!.replace(/\{(\w+)\}/g, (whole, name: string) => String(vars?.[name] ?? whole)) };
};

test('a good ID token passes every check that applies, each citing OIDC Core', async () => {
  const checks = await checkIdToken(await sign(goodClaims()), JWKS, expectations());
  assert.deepEqual(failedIds(checks), []);
  assert.deepEqual(checks.map((c) => `${c.id}:${c.status}`), [
    'signature:ok', 'alg:ok', 'iss:ok', 'aud:ok', 'azp:not_applicable', 'exp:ok', 'iat:ok', 'nonce:ok', 'acr:ok', 'auth_time:ok', 'at_hash:ok',
  ]);
  assert.equal(byId(checks, 'signature').reason, 'tokens.reason.signature.verified');
  assert.ok(checks.every((c) => /OpenID Connect Core 1\.0 §3\.1\.3\.[67]/.test(c.source)), 'every check names its section');
});

test('a tampered payload fails the signature check, and only it', async () => {
  const [header, payload, signature] = (await sign(goodClaims())).split('.');
  const changed = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), sub: 'admin' })).toString('base64url');
  const checks = await checkIdToken(`${header}.${changed}.${signature}`, JWKS, expectations());
  assert.deepEqual(failedIds(checks), ['signature']);
  assert.equal(byId(checks, 'signature').reason, 'tokens.reason.signature.mismatch');
  assert.match(translator('en').t(byId(checks, 'signature').reason, byId(checks, 'signature').vars), /changed after signing \(tampered\)/);
});

test('a token from another issuer fails iss, and the reason names both issuers', async () => {
  const checks = await checkIdToken(await sign({ ...goodClaims(), iss: 'https://evil.example.test' }), JWKS, expectations());
  assert.deepEqual(failedIds(checks), ['iss']);
  assert.deepEqual(byId(checks, 'iss').vars, { iss: 'https://evil.example.test', issuer: ISSUER });
});

test('an issuer that differs only by a trailing slash is another issuer', async () => {
  const checks = await checkIdToken(await sign({ ...goodClaims(), iss: `${ISSUER}/` }), JWKS, expectations());
  assert.deepEqual(failedIds(checks), ['iss']);
});

test('an expired token fails exp', async () => {
  const checks = await checkIdToken(await sign({ ...goodClaims(), iat: nowSeconds - 7200, exp: nowSeconds - 3600 }), JWKS, expectations({ maxAge: undefined }));
  assert.deepEqual(failedIds(checks), ['exp']);
  assert.equal(byId(checks, 'exp').reason, 'tokens.reason.exp.past');
});

test('iat in the future beyond the stated leeway fails; within it passes', async () => {
  const far = await checkIdToken(await sign({ ...goodClaims(), iat: nowSeconds + 600 }), JWKS, expectations());
  assert.deepEqual(failedIds(far), ['iat']);
  const near = await checkIdToken(await sign({ ...goodClaims(), iat: nowSeconds + 30 }), JWKS, expectations());
  assert.deepEqual(failedIds(near), []);
  assert.equal(byId(near, 'iat').vars?.leeway, 60);
});

test('a nonce other than the one sent fails nonce; none sent makes it not applicable', async () => {
  const token = await sign(goodClaims());
  const checks = await checkIdToken(token, JWKS, expectations({ nonce: 'nonce-2' }));
  assert.deepEqual(failedIds(checks), ['nonce']);
  assert.equal(byId(checks, 'nonce').reason, 'tokens.reason.nonce.differs');
  assert.equal(byId(await checkIdToken(token, JWKS, expectations({ nonce: undefined })), 'nonce').status, 'not_applicable');
});

test('an at_hash that does not match the access token fails at_hash', async () => {
  const checks = await checkIdToken(await sign(goodClaims()), JWKS, expectations({ accessToken: 'ory_at_another-token.sig' }));
  assert.deepEqual(failedIds(checks), ['at_hash']);
  assert.equal(byId(checks, 'at_hash').vars?.hash, 'SHA-256');
});

test('at_hash is the left half of SHA-256 of the token (OIDC Core §3.1.3.6 example values)', () => {
  // The example of OIDC Core Appendix A.3 (response_type "id_token token"), at_hash for its access token.
  assert.equal(expectedAtHash('jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y', 'RS256'), '77QmUPtjPfzWtF2AnpK9RQ');
});

test('a sign-in older than max_age fails auth_time; a missing auth_time fails too', async () => {
  const old = await checkIdToken(await sign({ ...goodClaims(), auth_time: nowSeconds - 3600 }), JWKS, expectations());
  assert.deepEqual(failedIds(old), ['auth_time']);
  assert.equal(byId(old, 'auth_time').vars?.age, 3600);
  const { auth_time: _dropped, ...withoutAuthTime } = goodClaims();
  assert.equal(byId(await checkIdToken(await sign(withoutAuthTime), JWKS, expectations()), 'auth_time').reason, 'tokens.reason.auth_time.missing');
});

test('an acr the client did not ask for fails acr', async () => {
  const checks = await checkIdToken(await sign({ ...goodClaims(), acr: '0' }), JWKS, expectations());
  assert.deepEqual(failedIds(checks), ['acr']);
  assert.deepEqual(byId(checks, 'acr').vars, { acr: '0', values: '1 2' });
});

test('alg none fails signature and alg', async () => {
  const unsecured = new UnsecuredJWT(goodClaims()).encode();
  assert.equal(decodeToken(unsecured).kind, 'jwt');
  const checks = await checkIdToken(unsecured, JWKS, expectations());
  assert.deepEqual(failedIds(checks), ['signature', 'alg']);
  assert.equal(byId(checks, 'signature').reason, 'tokens.reason.signature.unsigned');
});

test('an unknown kid fails signature and says the key is not in this server\'s JWKS', async () => {
  const checks = await checkIdToken(await sign(goodClaims(), { key: stranger.privateKey, kid: 'elsewhere-1' }), JWKS, expectations());
  assert.deepEqual(failedIds(checks), ['signature']);
  assert.equal(byId(checks, 'signature').reason, 'tokens.reason.signature.unknown_kid');
  assert.equal(byId(checks, 'alg').status, 'not_applicable');
});

test('a token another key signed under this server\'s kid fails signature', async () => {
  const checks = await checkIdToken(await sign(goodClaims(), { key: stranger.privateKey }), JWKS, expectations());
  assert.deepEqual(failedIds(checks), ['signature']);
});

test('a token this server signed under the wrong kid says which key signed it', async () => {
  const second = await generateKeyPair('RS256');
  const jwks: JSONWebKeySet = { keys: [...JWKS.keys, { ...(await exportJWK(second.publicKey)), kid: 'server-2', alg: 'RS256', use: 'sig' }] };
  const check = byId(await checkIdToken(await sign(goodClaims(), { key: second.privateKey, kid: 'server-1' }), jwks, expectations()), 'signature');
  assert.equal(check.reason, 'tokens.reason.signature.wrong_kid');
  assert.deepEqual(check.vars, { kid: 'server-1', other: 'server-2' });
});

test('several audiences without azp fail azp; with azp naming the client it passes', async () => {
  const several = { ...goodClaims(), aud: [CLIENT, 'api'] };
  const without = await checkIdToken(await sign(several), JWKS, expectations());
  assert.deepEqual(failedIds(without), ['azp']);
  assert.equal(byId(without, 'azp').vars?.count, 2);
  assert.deepEqual(failedIds(await checkIdToken(await sign({ ...several, azp: CLIENT }), JWKS, expectations())), []);
  assert.deepEqual(failedIds(await checkIdToken(await sign({ ...several, azp: 'api' }), JWKS, expectations())), ['azp']);
});

test('an audience without the client fails aud', async () => {
  assert.deepEqual(failedIds(await checkIdToken(await sign({ ...goodClaims(), aud: 'other-client' }), JWKS, expectations())), ['aud']);
});

test('an opaque ID token fails at once; an opaque access token is to be introspected', async () => {
  assert.deepEqual(decodeToken(ACCESS_TOKEN), { kind: 'opaque', reason: 'ory_prefix' });
  assert.deepEqual(decodeToken('not a token'), { kind: 'opaque', reason: 'not_three_parts' });
  assert.deepEqual(decodeToken('e30.bm9wZQ.sig'), { kind: 'opaque', reason: 'undecodable' });
  assert.deepEqual((await checkIdToken('abc', JWKS, expectations())).map((c) => `${c.id}:${c.status}`), ['opaque:failed']);
  assert.deepEqual((await checkAccessToken(ACCESS_TOKEN, JWKS, { issuer: ISSUER, now: NOW })).map((c) => `${c.id}:${c.status}`), ['opaque:not_applicable']);
});

test('a JWT access token is checked for signature, alg, iss and exp', async () => {
  const token = await new SignJWT({ iss: ISSUER, sub: 'user-1', client_id: CLIENT, scp: ['openid'], iat: nowSeconds, exp: nowSeconds - 1 })
    .setProtectedHeader({ alg: 'RS256', kid: 'server-1', typ: 'at+jwt' }).sign(server.privateKey);
  const checks = await checkAccessToken(token, JWKS, { issuer: ISSUER, now: NOW });
  assert.deepEqual(checks.map((c) => `${c.id}:${c.status}`), ['signature:ok', 'alg:ok', 'iss:ok', 'exp:failed']);
});

test('the rendered token: claims explained, times readable, checks with marks and words, in English and German', async () => {
  const token = await sign({ ...goodClaims(), nonce: '<script>' });
  const checks = await checkIdToken(token, JWKS, expectations());
  const en = renderToken(translator('en'), { title: 'ID token', token, checks, now: NOW }).toString();
  assert.match(en, /<h2>ID token<\/h2>/);
  assert.match(en, /Issuer: the server that made the token\./);
  assert.match(en, /2026-01-15 13:00:00 UTC \(in 1 hr\.\)/);
  assert.match(en, /<span aria-hidden="true">✔<\/span> passed/);
  assert.match(en, /<span aria-hidden="true">✖<\/span> failed<\/span> · <strong>nonce<\/strong>/);
  assert.match(en, /not applicable<\/span> · <strong>azp<\/strong>/);
  assert.match(en, /1 failed\./);
  assert.ok(!en.includes('<script>'), 'claim values are escaped');
  const de = renderToken(translator('de'), { title: 'ID-Token', token, checks, now: NOW, level: 3 }).toString();
  assert.match(de, /<h3>ID-Token<\/h3><h4>Header<\/h4>/);
  assert.match(de, /bestanden<\/span> · <strong>Signatur<\/strong>: Mit Schlüssel „server-1“/);
  assert.match(de, /\(in 1 Std\.\)/);
  assert.match(de, /nicht anwendbar/);
});

test('an opaque token renders as opaque, without tables', () => {
  const out = renderToken(translator('en'), { title: 'Access token', token: ACCESS_TOKEN, now: NOW }).toString();
  assert.match(out, /Opaque: an ory_… token is a random reference/);
  assert.ok(!out.includes('<table>'));
});

/**
 * The same hostile input over HTTP against a real server: never a 5xx, and every refusal in its
 * route's documented envelope and status (refusals.ts). /oauth2/auth answers a browser, so there
 * the rule is AS-4: a redirect goes only to the registered URI or Olympus' own pages.
 */
import fc from 'fast-check';
import { JWT_BEARER_ASSERTION_TYPE } from '../../../packages/oauth2/src/client-auth/private-key-jwt.ts';
import { anyText, bodyBytes, formText, jsonPatch, jwtLike, nestedJson, urlLike } from './arbitraries.ts';
import type { FuzzProperty } from './property.ts';
import { isKratosRefusal, isOAuth2Refusal, jsonOf } from './refusals.ts';
import type { FuzzTarget } from './http-target.ts';

const FORM = 'application/x-www-form-urlencoded';
const params = (entries: Record<string, string | undefined>): string =>
  new URLSearchParams(Object.entries(entries).filter((e): e is [string, string] => e[1] !== undefined)).toString();

/** An optional Authorization header, NUL bytes and bytes that are not UTF-8 included. */
const authorization = fc.option(
  fc.oneof(
    fc.uint8Array({ maxLength: 24 }).map((b) => `Basic ${Buffer.from(b).toString('base64')}`),
    fc.tuple(anyText(6), anyText(6)).map(([id, secret]) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`),
    fc.constantFrom('Basic', 'Bearer x', 'Basic Og=='),
  ),
  { nil: undefined },
);

const tokenBody = (t: FuzzTarget) =>
  fc.oneof(
    {
      weight: 3,
      arbitrary: fc
        .record(
          {
            grant_type: fc.oneof(fc.constantFrom('authorization_code', 'refresh_token', 'client_credentials', 'password', 'urn:ietf:params:oauth:grant-type:jwt-bearer'), anyText(6)),
            client_id: fc.oneof(fc.constantFrom(t.publicClientId, t.jwtClientId, t.patchClientId), anyText(8)),
            client_secret: anyText(8), code: anyText(12), refresh_token: anyText(12), code_verifier: anyText(12), scope: anyText(8),
            redirect_uri: fc.oneof(fc.constant(t.redirectUri), urlLike),
            client_assertion_type: fc.oneof(fc.constant(JWT_BEARER_ASSERTION_TYPE), anyText(6)),
            client_assertion: jwtLike(t.jwtClientId, `${t.publicUrl}/oauth2/token`),
          },
          { requiredKeys: ['grant_type'] },
        )
        .map(params),
    },
    { weight: 1, arbitrary: formText },
  );

const tokenRefused = (t: FuzzTarget) =>
  fc.asyncProperty(tokenBody(t), authorization, async (body, auth) => {
    const res = await fetch(`${t.publicUrl}/oauth2/token`, { method: 'POST', headers: { 'content-type': FORM, ...(auth ? { authorization: auth } : {}) }, body });
    const json = await jsonOf(res);
    return res.status === 200 ? typeof json?.access_token === 'string' : isOAuth2Refusal(res.status, json);
  });

const authorizeQuery = (t: FuzzTarget) =>
  fc.oneof(
    {
      weight: 3,
      arbitrary: fc
        .record(
          {
            client_id: fc.oneof(fc.constant(t.publicClientId), anyText(8)),
            response_type: fc.constantFrom('code', 'token', 'id_token', 'code id_token', ''),
            redirect_uri: fc.oneof(fc.constant(t.redirectUri), fc.constant(`${t.redirectUri}/x`), urlLike),
            scope: fc.constantFrom('openid', 'openid offline_access', 'admin', ''), state: anyText(10), nonce: anyText(6),
            code_challenge: fc.oneof(fc.constant('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'), anyText(10)),
            code_challenge_method: fc.constantFrom('S256', 'plain', 's256', ''),
            prompt: fc.constantFrom('none', 'login', 'consent', 'none login', 'x'), max_age: fc.constantFrom('0', '-1', '1e9', 'x'),
            response_mode: fc.constantFrom('query', 'fragment', 'form_post', 'x'), request: anyText(8), request_uri: urlLike,
          },
          { requiredKeys: [] },
        )
        .map(params),
    },
    { weight: 1, arbitrary: formText },
  );

/** AS-4: a redirect leaves Olympus only for the registered URI; anything else stays on Olympus' pages. */
const allowedLocation = (t: FuzzTarget, location: string): boolean => {
  const url = new URL(location, t.publicUrl);
  const to = url.href;
  return to.startsWith(`${t.redirectUri}?`) || to.startsWith(`${t.redirectUri}#`) || url.origin === new URL(t.publicUrl).origin ||
    t.uiUrls.some((ui) => to.startsWith(ui));
};

const authorizeSafe = (t: FuzzTarget) =>
  fc.asyncProperty(authorizeQuery(t), fc.boolean(), async (query, post) => {
    const res = post
      ? await fetch(`${t.publicUrl}/oauth2/auth`, { method: 'POST', headers: { 'content-type': FORM }, body: query, redirect: 'manual' })
      : await fetch(`${t.publicUrl}/oauth2/auth?${query}`, { redirect: 'manual' });
    if (res.status >= 300 && res.status < 400) return allowedLocation(t, res.headers.get('location') ?? '');
    // Input no route reads (a NUL in the URL, a body that is not UTF-8) is refused before the page exists, as JSON (AS-45).
    if ((res.headers.get('content-type') ?? '').startsWith('text/html')) {
      const page = await res.text();
      // response_mode=form_post: the page posts the answer, and only to the registered URI (OAuth 2.0 Form Post Response Mode §2).
      const actions = [...page.matchAll(/<form[^>]*\saction="([^"]*)"/g)].map((m) => m[1]);
      if (res.status === 200) return actions.length > 0 && actions.every((a) => a === t.redirectUri);
      return res.status >= 400 && res.status < 500;
    }
    return res.status === 400 && isOAuth2Refusal(res.status, await jsonOf(res));
  });

/** A JSON body for a PATCH: a patch, any JSON, damaged bytes, or nesting deeper than the parser takes. */
const patchBody = (members: readonly string[]) =>
  fc.oneof(
    { weight: 6, arbitrary: jsonPatch(members).map((ops) => Buffer.from(JSON.stringify(ops))) },
    { weight: 2, arbitrary: bodyBytes },
    { weight: 1, arbitrary: fc.integer({ min: 100, max: 20000 }).map((depth) => Buffer.from(`[{"op":"add","path":"/metadata","value":${nestedJson(depth)}}]`)) },
  );
const PATCH_TYPES = fc.constantFrom('application/json-patch+json', 'application/json', 'text/plain');

const clientPatched = (t: FuzzTarget) =>
  fc.asyncProperty(patchBody(['client_name', 'redirect_uris', 'metadata', 'client_id', 'scope', 'jwks', 'grant_types', 'contacts']), PATCH_TYPES, async (body, type) => {
    const res = await fetch(`${t.adminUrl}/admin/clients/${t.patchClientId}`, { method: 'PATCH', headers: { 'content-type': type }, body });
    const json = await jsonOf(res);
    return res.status === 200 ? json?.client_id === t.patchClientId : isOAuth2Refusal(res.status, json);
  });

const identityPatched = (t: FuzzTarget) =>
  fc.asyncProperty(patchBody(['traits', 'email', 'state', 'metadata_public', 'metadata_admin', 'external_id', 'schema_id', 'credentials']), PATCH_TYPES, async (body, type) => {
    const res = await fetch(`${t.adminUrl}/admin/identities/${t.identityId}`, { method: 'PATCH', headers: { 'content-type': type }, body });
    const json = await jsonOf(res);
    return res.status === 200 ? json?.id === t.identityId : isKratosRefusal(res.status, json);
  });

const loginBody = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record(
      {
        method: fc.constantFrom('password', 'code', 'totp', 'oidc', 'passkey', 'x'), identifier: fc.oneof(fc.emailAddress(), anyText(10)),
        password: anyText(10), csrf_token: anyText(6), traits: fc.jsonValue({ maxDepth: 2 }), transient_payload: fc.jsonValue({ maxDepth: 2 }),
        provider: anyText(6), code: anyText(6),
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

const loginSubmitted = (t: FuzzTarget) =>
  fc.asyncProperty(
    fc.oneof({ weight: 3, arbitrary: fc.constant(t.loginFlowId) }, { weight: 1, arbitrary: anyText(12) }),
    fc.oneof(
      loginBody.map((b) => ({ type: 'application/json', body: Buffer.from(JSON.stringify(b)) })),
      loginBody.map((b) => ({ type: FORM, body: Buffer.from(typeof b === 'object' && b !== null && !Array.isArray(b) ? params(Object.fromEntries(Object.entries(b).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]))) : String(b)) })),
      fc.tuple(fc.integer({ min: 1, max: 4000 }), anyText(4)).map(([depth, key]) => ({ type: FORM, body: Buffer.from(params({ method: 'password', [`traits.${'a.'.repeat(depth)}${key || 'b'}`]: 'x' })) })),
      bodyBytes.map((body) => ({ type: 'application/json', body })),
    ),
    async (flow, { type, body }) => {
      const res = await fetch(`${t.publicUrl}/self-service/login?flow=${encodeURIComponent(flow)}`, { method: 'POST', headers: { 'content-type': type, accept: 'application/json' }, body });
      const json = await jsonOf(res);
      if (res.status === 200) return typeof json?.session === 'object';
      // Kratos answers a submission it could read but not accept with the flow and its messages (400).
      return isKratosRefusal(res.status, json) || (res.status === 400 && typeof json?.ui === 'object');
    },
  );

const challengeLike = (t: FuzzTarget) =>
  fc.oneof(
    fc.constant(t.loginChallenge),
    fc.tuple(fc.nat(), anyText(1)).map(([at, ch]) => t.loginChallenge.slice(0, at % t.loginChallenge.length) + ch + t.loginChallenge.slice((at % t.loginChallenge.length) + 1)),
    anyText(40),
  );

const challengeLookedUp = (t: FuzzTarget) =>
  fc.asyncProperty(challengeLike(t), fc.constantFrom('login', 'consent', 'logout'), async (challenge, kind) => {
    const res = await fetch(`${t.adminUrl}/admin/oauth2/auth/requests/${kind}?${kind}_challenge=${encodeURIComponent(challenge)}`);
    const json = await jsonOf(res);
    return res.status === 200 ? json?.challenge === challenge : isOAuth2Refusal(res.status, json);
  });

export const httpProperties = (t: FuzzTarget): FuzzProperty[] => [
  { name: 'HTTP /oauth2/token: a token or an OAuth2 error with its status, never a 5xx', weight: 3, property: tokenRefused(t) },
  { name: 'HTTP /oauth2/auth: redirects only to the registered URI or Olympus\' pages, else an HTML error page (AS-4)', weight: 3, property: authorizeSafe(t) },
  { name: 'HTTP PATCH /admin/clients/{id}: the patched client or an OAuth2 error, never a 5xx', weight: 2, property: clientPatched(t) },
  { name: 'HTTP PATCH /admin/identities/{id}: the patched identity or Kratos\' error envelope, never a 5xx', weight: 2, property: identityPatched(t) },
  { name: 'HTTP POST /self-service/login?flow=…: a session, the flow with its messages, or Kratos\' error envelope', weight: 2, property: loginSubmitted(t) },
  { name: 'HTTP GET /admin/oauth2/auth/requests/{login,consent,logout}?…_challenge=…: the request or an OAuth2 error', weight: 2, property: challengeLookedUp(t) },
];

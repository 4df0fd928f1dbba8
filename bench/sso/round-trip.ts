/**
 * One SSO round trip, as a signed-in browser and its app do it: `GET` the authorization URL with
 * the browser's cookies, follow every redirect on the server's side (storing each Set-Cookie, as a
 * browser would) until one lands on the client's redirect URI, check the state and read the code
 * (RFC 6749 §4.1.2), then exchange it with PKCE (RFC 7636 §4.5) at the token endpoint.
 */
import { randomBytes } from 'node:crypto';
import type { Dispatcher } from 'undici';
import type { Browser } from '../../test/support/browser.ts';
import { pkcePair } from '../../test/support/flow.ts';
import type { SsoFixtures } from '../targets/protocol.ts';

/** More redirects than this in one pass is a loop, not a round trip. */
const MAX_HOPS = 10;

export type Outcome =
  /** `requests`: HTTP requests the pass took, the token request included. */
  | { ok: true; requests: number }
  /** `status`: an unexpected status (0: too many redirects); `body`: the right status with the wrong content. */
  | { ok: false; status: number; why: 'status' | 'body' };

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

const send = async (dispatcher: Dispatcher, url: URL, init: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string }, keepBody: boolean): Promise<Answer> => {
  const res = await dispatcher.request({ origin: url.origin, path: url.pathname + url.search, ...init });
  const body = keepBody ? await res.body.text() : (await res.body.dump(), '');
  return { status: res.statusCode, headers: res.headers, body };
};

const setCookies = (headers: Answer['headers']): string[] => {
  const raw = headers['set-cookie'];
  return raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
};

/** The redirects of one authorization, cookies kept; resolves with the URL that reached the client. */
const followToClient = async (dispatcher: Dispatcher, jar: Browser, start: string, redirectUri: string): Promise<Outcome | { reached: URL; hops: number }> => {
  let url = new URL(start);
  for (let hop = 1; hop <= MAX_HOPS; hop++) {
    const cookie = jar.cookieHeader(url);
    const answer = await send(dispatcher, url, { method: 'GET', headers: cookie ? { cookie } : {} }, false);
    jar.store(setCookies(answer.headers));
    const location = answer.headers.location;
    if (answer.status < 300 || answer.status >= 400 || typeof location !== 'string') return { ok: false, status: answer.status, why: 'status' };
    url = new URL(location, url);
    if (url.href.startsWith(`${redirectUri}?`)) return { reached: url, hops: hop };
  }
  return { ok: false, status: 0, why: 'status' };
};

export const ssoRoundTrip = async (dispatcher: Dispatcher, jar: Browser, sso: SsoFixtures, checkBodies: boolean): Promise<Outcome> => {
  const { verifier, challenge } = pkcePair();
  const state = randomBytes(12).toString('base64url');
  const start = `${sso.authorizeUrl}&state=${state}&code_challenge=${challenge}&code_challenge_method=S256`;
  const followed = await followToClient(dispatcher, jar, start, sso.redirectUri);
  if ('ok' in followed) return followed;
  const { reached, hops } = followed;
  const code = reached.searchParams.get('code');
  if (!code || reached.searchParams.get('state') !== state) return { ok: false, status: 302, why: 'body' };
  const form = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: sso.redirectUri, code_verifier: verifier });
  const token = await send(dispatcher, new URL(sso.tokenUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: sso.clientAuth },
    body: form.toString(),
  }, true);
  if (token.status !== 200) return { ok: false, status: token.status, why: 'status' };
  if (checkBodies && !(token.body.includes('"access_token"') && token.body.includes('"id_token"'))) return { ok: false, status: 200, why: 'body' };
  return { ok: true, requests: hops + 1 };
};

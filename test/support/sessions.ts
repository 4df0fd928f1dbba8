/**
 * Helpers for the session, logout and token suites: a whole sign-in down to the token response,
 * introspection and refresh as raw HTTP, and a local endpoint that records back-channel POSTs.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import { Browser, queryOf } from './browser.ts';
import { adminApi, authorizeThroughUi, type LoginAndConsent } from './oauth2.ts';
import { authorizeUrl, basic, pkcePair, tokenRequest } from './flow.ts';

export interface Origins {
  publicUrl: string;
  adminUrl: string;
}

export interface RegisteredClient {
  client_id: string;
  client_secret?: string;
  redirectUri: string;
}

export interface TokenSet {
  access_token: string;
  refresh_token?: string;
  id_token?: string;
  scope: string;
  token_type: string;
  expires_in: number;
}

export interface SignIn extends LoginAndConsent {
  scope?: string;
  /** Extra authorization request parameters (audience, prompt, …). */
  params?: Record<string, string>;
}

export const clientAuth = (client: RegisteredClient): Record<string, string> => ({ authorization: basic(client.client_id, client.client_secret!) });

/** From /oauth2/auth through the login and consent UIs to the token response (code + PKCE + nonce). */
export const signIn = async (olympus: Origins, client: RegisteredClient, browser: Browser, who: SignIn) => {
  const { verifier, challenge } = pkcePair();
  const nonce = randomBytes(12).toString('base64url');
  const url = authorizeUrl(olympus.publicUrl, {
    client_id: client.client_id, response_type: 'code', redirect_uri: client.redirectUri, scope: who.scope ?? 'openid offline_access',
    state: 'state-1', nonce, code_challenge: challenge, code_challenge_method: 'S256', ...who.params,
  });
  const ui = await authorizeThroughUi(adminApi(olympus.adminUrl), browser, url, who);
  const code = queryOf(ui.callback).get('code');
  assert.ok(code, `expected a code at the client: ${ui.callback}`);
  const res = await tokenRequest(olympus.publicUrl, { grant_type: 'authorization_code', code, redirect_uri: client.redirectUri, code_verifier: verifier }, clientAuth(client));
  assert.equal(res.status, 200, `token exchange failed: ${JSON.stringify(res.body)}`);
  return { tokens: res.body as unknown as TokenSet, ui, nonce };
};

/** POST /admin/oauth2/introspect (RFC 7662). */
export const introspect = async (adminUrl: string, token: string): Promise<Record<string, unknown>> => {
  const res = await fetch(`${adminUrl}/admin/oauth2/introspect`, { method: 'POST', body: new URLSearchParams({ token }) });
  assert.equal(res.status, 200, `introspection answered ${res.status}`);
  return (await res.json()) as Record<string, unknown>;
};

export const refresh = (publicUrl: string, client: RegisteredClient, refreshToken: string) =>
  tokenRequest(publicUrl, { grant_type: 'refresh_token', refresh_token: refreshToken }, clientAuth(client));

export interface ReceivedPost {
  path: string;
  contentType: string;
  form: URLSearchParams;
}

export interface PostReceiver {
  url: string;
  /** The next POST received (or already received), rejected after `timeoutMs` without one. */
  next(timeoutMs?: number): Promise<ReceivedPost>;
  close(): Promise<void>;
}

const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

/** A relying party's back-channel logout endpoint on a loopback port: answers 200 and records each POST. */
export const startPostReceiver = async (): Promise<PostReceiver> => {
  const received: ReceivedPost[] = [];
  const waiting: Array<(post: ReceivedPost) => void> = [];
  const server = createServer(async (req, res) => {
    const post = { path: req.url ?? '', contentType: req.headers['content-type'] ?? '', form: new URLSearchParams(await readBody(req)) };
    res.writeHead(200).end();
    const waiter = waiting.shift();
    if (waiter) waiter(post);
    else received.push(post);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const url = `http://127.0.0.1:${port}/backchannel-logout`;
  return {
    url,
    next(timeoutMs = 5000) {
      const ready = received.shift();
      if (ready) return Promise.resolve(ready);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.splice(waiting.indexOf(onPost), 1);
          reject(new Error(`no POST reached ${url} within ${timeoutMs} ms`));
        }, timeoutMs);
        const onPost = (post: ReceivedPost) => {
          clearTimeout(timer);
          resolve(post);
        };
        waiting.push(onPost);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

/** A unique subject per test, so remembered sessions and consents of other tests never interfere. */
export const freshSubject = (label: string): string => `${label}-${randomBytes(4).toString('hex')}`;

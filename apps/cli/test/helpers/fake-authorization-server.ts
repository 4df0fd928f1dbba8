/**
 * A tiny authorization server for `perform authorization-code` tests: /oauth2/auth redirects straight
 * back with a code (no login UI), /oauth2/token checks the code, redirect_uri, client and the PKCE
 * verifier against the S256 challenge (RFC 7636 §4.6) and returns tokens with an ID token.
 */
import { createHash } from 'node:crypto';
import { SignJWT } from 'jose';
import { startFakeApi, type CannedResponse, type FakeApi, type RecordedRequest } from './fake-api.ts';

export interface AuthorizeBehaviour {
  /** Echo this state instead of the one sent (a forged callback). */
  state?: string;
  /** Send this error response instead of a code. */
  error?: Record<string, string>;
  /** Put this nonce in the ID token instead of the one requested. */
  nonce?: string;
  /** Remember this challenge instead of the one sent (so the verifier cannot match). */
  challenge?: string;
}

export interface FakeAuthorizationServer {
  url: string;
  behaviour: AuthorizeBehaviour;
  authorizeRequests: URLSearchParams[];
  tokenRequests: RecordedRequest[];
  close(): Promise<void>;
}

interface IssuedCode {
  clientId: string;
  redirectUri: string;
  challenge: string;
  nonce: string;
}

const key = new TextEncoder().encode('test-only-hmac-key-of-32-bytes!!');

const invalidGrant = (description: string, hint = ''): CannedResponse => ({
  status: 400,
  body: { error: 'invalid_grant', error_description: description, ...(hint ? { error_hint: hint } : {}) },
});

/** RFC 6749 §2.3.1: Basic credentials are form-encoded. */
const clientOf = (request: RecordedRequest): string | null => {
  const header = request.headers.authorization;
  if (!header?.startsWith('Basic ')) return request.form().get('client_id');
  const [id] = Buffer.from(header.slice(6), 'base64').toString().split(':');
  return decodeURIComponent(id.replace(/\+/g, ' '));
};

const idToken = (issuer: string, code: IssuedCode, nonce: string): Promise<string> =>
  new SignJWT({ nonce, email: 'ada@example.com' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('user-7')
    .setIssuer(issuer)
    .setAudience(code.clientId)
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(key);

export const startFakeAuthorizationServer = async (): Promise<FakeAuthorizationServer> => {
  const api: FakeApi = await startFakeApi();
  const codes = new Map<string, IssuedCode>();
  const server: FakeAuthorizationServer = {
    url: api.url,
    behaviour: {},
    authorizeRequests: [],
    tokenRequests: [],
    close: () => api.close(),
  };

  api.on('GET', '/oauth2/auth', ({ query }) => {
    server.authorizeRequests.push(query);
    const back = new URL(query.get('redirect_uri') ?? '');
    back.searchParams.set('state', server.behaviour.state ?? query.get('state') ?? '');
    back.searchParams.set('iss', api.url);
    if (server.behaviour.error) {
      for (const [name, value] of Object.entries(server.behaviour.error)) back.searchParams.set(name, value);
    } else {
      const code = `code-${codes.size + 1}-${Date.now()}`;
      const challenge = server.behaviour.challenge ?? query.get('code_challenge') ?? '';
      codes.set(code, {
        clientId: query.get('client_id') ?? '',
        redirectUri: query.get('redirect_uri') ?? '',
        challenge,
        nonce: query.get('nonce') ?? '',
      });
      back.searchParams.set('code', code);
    }
    return { status: 302, headers: { location: back.href } };
  });

  api.on('POST', '/oauth2/token', async (request) => {
    server.tokenRequests.push(request);
    const form = request.form();
    const code = codes.get(form.get('code') ?? '');
    if (form.get('grant_type') !== 'authorization_code' || !code) return invalidGrant('unknown code');
    if (form.get('redirect_uri') !== code.redirectUri)
      return invalidGrant('redirect_uri differs from the authorization request');
    if (clientOf(request) !== code.clientId) return invalidGrant('the code was issued to another client');
    const verifier = form.get('code_verifier') ?? '';
    if (createHash('sha256').update(verifier).digest('base64url') !== code.challenge) {
      return invalidGrant('PKCE verification failed.', 'The code_verifier does not match the code_challenge.');
    }
    codes.delete(form.get('code') ?? '');
    return {
      body: {
        access_token: 'ory_at_test',
        token_type: 'bearer',
        expires_in: 900,
        scope: 'openid offline_access',
        refresh_token: 'ory_rt_test',
        id_token: await idToken(api.url, code, server.behaviour.nonce ?? code.nonce),
      },
    };
  });
  return server;
};

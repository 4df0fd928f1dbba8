/**
 * A tiny authorization server for `perform authorization-code` tests: /oauth2/auth redirects straight
 * back with a code (no login UI), /oauth2/token checks the code, redirect_uri, client and the PKCE
 * verifier against the S256 challenge (RFC 7636 §4.6) and returns tokens with an ID token.
 */
import { createHash } from 'node:crypto';
import { SignJWT } from 'jose';
import { startFakeApi, type FakeApi, type RecordedRequest } from './fake-api.ts';

export interface AuthorizeBehaviour {
  /** Replace the state echoed back (CSRF simulation). */
  state?: string;
  /** Send an error response instead of a code. */
  error?: { error: string; error_description?: string; error_hint?: string };
  /** Nonce put in the ID token instead of the one requested. */
  nonce?: string;
}

export interface FakeAuthorizationServer {
  api: FakeApi;
  behaviour: AuthorizeBehaviour;
  authorizeRequests: URLSearchParams[];
  tokenRequests: RecordedRequest[];
  close(): Promise<void>;
}

const key = new TextEncoder().encode('test-only-hmac-key-of-32-bytes!!');

interface IssuedCode {
  clientId: string;
  redirectUri: string;
  challenge: string;
  nonce: string;
}

const tokenError = (description: string) => ({ status: 400, body: { error: 'invalid_grant', error_description: description } });

const clientOf = (request: RecordedRequest): string | undefined => {
  const header = request.headers.authorization;
  if (header?.startsWith('Basic ')) return decodeURIComponent(Buffer.from(header.slice(6), 'base64').toString().split(':')[0]);
  return request.form().get('client_id') ?? undefined;
};

export const startFakeAuthorizationServer = async (): Promise<FakeAuthorizationServer> => {
  const api = await startFakeApi();
  const codes = new Map<string, IssuedCode>();
  const server: FakeAuthorizationServer = { api, behaviour: {}, authorizeRequests: [], tokenRequests: [], close: () => api.close() };

  api.on('GET', '/oauth2/auth', (request) => {
    const q = request.query;
    server.authorizeRequests.push(q);
    const back = new URL(q.get('redirect_uri') ?? '');
    back.searchParams.set('state', server.behaviour.state ?? q.get('state') ?? '');
    back.searchParams.set('iss', api.url);
    if (server.behaviour.error) {
      for (const [name, value] of Object.entries(server.behaviour.error)) back.searchParams.set(name, value);
    } else {
      const code = `code-${codes.size + 1}`;
      codes.set(code, { clientId: q.get('client_id') ?? '', redirectUri: back.origin + back.pathname, challenge: q.get('code_challenge') ?? '', nonce: q.get('nonce') ?? '' });
      back.searchParams.set('code', code);
    }
    return { status: 302, headers: { location: back.href } };
  });

  api.on('POST', '/oauth2/token', (request) => {
    server.tokenRequests.push(request);
    const form = request.form();
    const issued = codes.get(form.get('code') ?? '');
    if (form.get('grant_type') !== 'authorization_code' || !issued) return tokenError('unknown code');
    if (form.get('redirect_uri') !== issued.redirectUri) return tokenError('redirect_uri differs');
    if (clientOf(request) !== issued.clientId) return tokenError('code issued to another client');
    const verifier = form.get('code_verifier') ?? '';
    if (createHash('sha256').update(verifier).digest('base64url') !== issued.challenge) {
      return { status: 400, body: { error: 'invalid_grant', error_description: 'PKCE verification failed.', error_hint: 'The code_verifier does not match the code_challenge.' } };
    }
    codes.delete(form.get('code') ?? '');
    return { body: { access_token: 'ory_at_test', token_type: 'bearer', expires_in: 900, scope: 'openid offline_access', refresh_token: 'ory_rt_test', id_token: '' } };
  });

  // The ID token needs the nonce of the request, so the token route is wrapped to sign it asynchronously-free:
  const plainToken = api.routes.get('POST /oauth2/token')!;
  api.routes.set('POST /oauth2/token', (request) => {
    const answer = plainToken(request);
    const body = answer.body as Record<string, unknown>;
    if (typeof body.id_token === 'string') body.id_token = idTokens.shift() ?? '';
    return answer;
  });
  const idTokens: string[] = [];
  api.on('GET', '/oauth2/auth-prepared', () => ({ status: 204 }));
  const authorize = api.routes.get('GET /oauth2/auth')!;
  api.routes.set('GET /oauth2/auth', (request) => {
    const answer = authorize(request);
    // Sign now (jose is async) and queue it; the token request always comes after this redirect.
    void new SignJWT({ nonce: server.behaviour.nonce ?? request.query.get('nonce'), email: 'ada@example.com' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('user-7')
      .setIssuer(api.url)
      .setAudience(request.query.get('client_id') ?? '')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key)
      .then((token) => idTokens.push(token));
    return answer;
  });
  return server;
};

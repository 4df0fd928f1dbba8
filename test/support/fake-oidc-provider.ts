/**
 * A small OpenID Connect provider on loopback for the social sign-in protocol tests: discovery, JWKS,
 * and a token endpoint that answers any code with an ID token signed by its own key. Each test says
 * what the next token claims (`nextClaims`), so a wrong audience or nonce is one line; the nonce of the
 * last authorization request the test passes on with `rememberNonce`.
 */
import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { freePort } from './server.ts';

export interface FakeProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Claims of the next ID token, merged over iss, aud, sub, nonce, iat, exp. */
  nextClaims: JWTPayload;
  rememberNonce(nonce: string): void;
  /** The Authorization headers and forms the token endpoint received. */
  tokenRequests: Array<{ authorization: string | undefined; form: URLSearchParams }>;
  close(): Promise<void>;
}

export const startFakeProvider = async (): Promise<FakeProvider> => {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'fake-1', alg: 'RS256', use: 'sig' };
  let nonce = '';
  const provider: FakeProvider = {
    issuer, clientId: 'olympus-at-fake', clientSecret: 'fake-secret-0123456789', nextClaims: {}, tokenRequests: [],
    rememberNonce: (n) => { nonce = n; },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const json = (res: import('node:http').ServerResponse, status: number, body: unknown) =>
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(res, 200, {
        issuer, authorization_endpoint: `${issuer}/auth`, token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/jwks`,
        code_challenge_methods_supported: ['S256'], token_endpoint_auth_methods_supported: ['client_secret_basic'],
      });
    }
    if (url.pathname === '/jwks') return json(res, 200, { keys: [jwk] });
    if (url.pathname !== '/token' || req.method !== 'POST') return json(res, 404, {});
    let raw = '';
    req.on('data', (c: Buffer) => { raw += c.toString(); });
    req.on('end', () => {
      provider.tokenRequests.push({ authorization: req.headers.authorization, form: new URLSearchParams(raw) });
      const now = Math.floor(Date.now() / 1000);
      new SignJWT({ iss: issuer, aud: provider.clientId, sub: 'fake-subject', nonce, iat: now, exp: now + 300, ...provider.nextClaims })
        .setProtectedHeader({ alg: 'RS256', kid: 'fake-1' })
        .sign(privateKey)
        .then((idToken) => json(res, 200, { access_token: 'at', token_type: 'Bearer', id_token: idToken }), () => json(res, 500, {}));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return provider;
};

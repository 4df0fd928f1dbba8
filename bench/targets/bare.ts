/**
 * Child process: the ceiling. A bare node:http server that reads each request's body and answers
 * every POST with a small JSON body — no routing, no parsing, no storage, no crypto. For the SSO
 * round trip it answers a GET with the one redirect back to the client, code and state included:
 * the least an authorization server can do.
 */
import { createServer } from 'node:http';
import { freePort } from './ports.ts';
import { closeServer, runTarget, type Wanted } from './protocol.ts';

const BODY = JSON.stringify({ access_token: 'x'.repeat(43), token_type: 'bearer', expires_in: 899, scope: '' });
const REDIRECT = 'http://127.0.0.1:9/callback';

/** `GET /oauth2/auth?…&state=…` → `302 <redirect_uri>?code=…&state=…` */
const redirectBack = (url: string): string => {
  const state = new URL(url, 'http://bare').searchParams.get('state') ?? '';
  return `${REDIRECT}?code=bare-code&state=${encodeURIComponent(state)}`;
};

await runTarget(async () => {
  const port = await freePort();
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.method === 'GET') res.writeHead(302, { location: redirectBack(req.url ?? '/') }).end();
      else if (req.method === 'POST') res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(BODY);
      else res.writeHead(405, { allow: 'GET, POST' }).end();
    });
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${port}`;
  const clientAuth = 'Basic YmFyZTpiYXJl';
  return {
    mint: async ({ refreshTokens, ssoSessions }: Wanted) => ({
      tokenUrl: `${base}/oauth2/token`,
      introspectUrl: `${base}/admin/oauth2/introspect`,
      clientAuth,
      // It answers no refresh_token: each chain keeps resending its token, which is fine here.
      refreshTokens: Array.from({ length: refreshTokens }, (_, i) => `bare-refresh-token-${i}`),
      accessToken: 'bare-access-token',
      sso: {
        authorizeUrl: `${base}/oauth2/auth?client_id=bare&response_type=code&redirect_uri=${encodeURIComponent(REDIRECT)}&scope=openid`,
        redirectUri: REDIRECT,
        tokenUrl: `${base}/oauth2/token`,
        clientAuth,
        // Nobody signs in: an empty cookie jar per worker.
        sessions: Array.from({ length: ssoSessions }, () => []),
      },
    }),
    stop: () => closeServer(server),
  };
});

/**
 * Child process: the ceiling. A bare node:http server that reads each request's body and answers
 * every POST with a small JSON body — no routing, no parsing, no storage, no crypto.
 */
import { createServer } from 'node:http';
import { freePort } from './ports.ts';
import { closeServer, runTarget } from './protocol.ts';

const BODY = JSON.stringify({ access_token: 'x'.repeat(43), token_type: 'bearer', expires_in: 899, scope: '' });

await runTarget(async () => {
  const port = await freePort();
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.method !== 'POST') {
        res.writeHead(405, { allow: 'POST' }).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(BODY);
    });
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${port}`;
  return {
    mint: async (refreshTokens) => ({
      tokenUrl: `${base}/oauth2/token`,
      introspectUrl: `${base}/admin/oauth2/introspect`,
      clientAuth: 'Basic YmFyZTpiYXJl',
      // It answers no refresh_token: each chain keeps resending its token, which is fine here.
      refreshTokens: Array.from({ length: refreshTokens }, (_, i) => `bare-refresh-token-${i}`),
      accessToken: 'bare-access-token',
    }),
    stop: () => closeServer(server),
  };
});

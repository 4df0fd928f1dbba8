/**
 * A tiny loopback web server for the bundled Ory Elements page: every path that is not the bundle
 * answers index.html (the page routes itself by `?flow=`), which names the identity server's public
 * URL in a meta tag; `/blank` is an empty page of the same origin for the test's own fetches. Set
 * `sdkUrl` once that server is started (it needs this page's URL first).
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { freePort } from '../server.ts';

export interface PageServer {
  /** The page's origin, on localhost like the passkey-enabled identity server. */
  origin: string;
  sdkUrl: string;
  close(): Promise<void>;
}

const ASSETS: Record<string, string> = { '/login-page.js': 'text/javascript', '/login-page.css': 'text/css' };

const indexHtml = (sdkUrl: string): string => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="ory-sdk-url" content="${sdkUrl.replace(/[&"<>]/g, '')}">
<title>Sign in</title>
<link rel="stylesheet" href="/login-page.css">
</head>
<body>
<main id="root"></main>
<script type="module" src="/login-page.js"></script>
</body>
</html>`;

export const startPageServer = async (bundleDir: string): Promise<PageServer> => {
  const port = await freePort();
  const page: PageServer = {
    origin: `http://localhost:${port}`,
    sdkUrl: '',
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', page.origin).pathname;
    const type = ASSETS[path];
    if (path === '/blank') return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>blank</title>');
    if (!type) return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(indexHtml(page.sdkUrl));
    readFile(join(bundleDir, path.slice(1))).then(
      (body) => res.writeHead(200, { 'content-type': type }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return page;
};

/**
 * A stand-in for the app behind a redirect URI: a real loopback server answering every path (the
 * callback, the post-logout page) with a small accessible page, and recording the callbacks.
 */
import { createServer } from 'node:http';
import { freePort } from './server.ts';

export interface CallbackApp {
  origin: string;
  callbackUrl: string;
  loggedOutUrl: string;
  /** Every callback URL the browser arrived at, oldest first. */
  received: string[];
  close(): Promise<void>;
}

export const startCallbackApp = async (): Promise<CallbackApp> => {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const received: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname === '/callback') received.push(url.toString());
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><html lang="en"><title>App</title><main><h1>Back at the app</h1></main></html>');
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    origin, callbackUrl: `${origin}/callback`, loggedOutUrl: `${origin}/logged-out`, received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
};

/** A stand-in for the app behind a redirect URI: a real loopback server answering its callback with a page. */
import { createServer } from 'node:http';
import { freePort } from './server.ts';

export interface CallbackApp {
  callbackUrl: string;
  /** Every callback URL the browser arrived at, oldest first. */
  received: string[];
  close(): Promise<void>;
}

export const startCallbackApp = async (): Promise<CallbackApp> => {
  const port = await freePort();
  const callbackUrl = `http://127.0.0.1:${port}/callback`;
  const received: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', callbackUrl);
    if (url.pathname === '/callback') received.push(url.toString());
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><html lang="en"><title>App</title><h1>Back at the app</h1></html>');
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { callbackUrl, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
};

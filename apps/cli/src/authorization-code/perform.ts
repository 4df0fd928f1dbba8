/**
 * An example OAuth2 client running the Authorization Code flow with PKCE (RFC 6749 §4.1,
 * RFC 7636): a local callback server, the authorization URL reported to the caller, then the code
 * exchange. Settles once; the callback server stops listening before it does.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CommandFailed } from '../errors.ts';
import { authorizationUrl } from './authorization-url.ts';
import { completeAuthorization, type PendingRequest } from './callback.ts';
import type { AuthorizationCodeIo, AuthorizationCodeOptions, AuthorizationCodeResult } from './options.ts';
import { createPkce, randomValue } from './pkce.ts';

/** The local server could not start (port taken …): retrying would fail the same way. */
export class CallbackServerError extends CommandFailed {}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The callback server only listens on loopback: it receives authorization codes. */
const listenHost = (redirectUri: string | undefined): string => {
  const host = redirectUri ? new URL(redirectUri).hostname : '127.0.0.1';
  return LOOPBACK_HOSTS.has(host) ? host.replace(/^\[|\]$/g, '') : '127.0.0.1';
};

/** `Connection: close` lets the server shut down right after the last page without cutting it off. */
const page = (response: ServerResponse, status: number, text: string): void => {
  response.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    connection: 'close',
  });
  response.end(`${text}\n`);
};

export const performAuthorizationCode = (
  options: AuthorizationCodeOptions,
  io: AuthorizationCodeIo,
): Promise<AuthorizationCodeResult> =>
  new Promise<AuthorizationCodeResult>((resolve, reject) => {
    const pkce = createPkce();
    let pending: PendingRequest | undefined;
    let busy = false;
    let settled = false;

    const server = createServer((request: IncomingMessage, response: ServerResponse) => {
      const url = new URL(request.url ?? '/', pending?.redirectUri ?? 'http://127.0.0.1');
      if (!pending || url.pathname !== new URL(pending.redirectUri).pathname)
        return page(response, 404, 'Not the OAuth2 callback.');
      if (busy || settled)
        return page(response, 409, 'This authorization request was already answered; look at the terminal.');
      busy = true;
      completeAuthorization(options, pending, url).then(
        (result) => {
          page(response, 200, 'Signed in. The tokens are in the terminal; you can close this window.');
          finish(() => resolve(result));
        },
        (error: unknown) => {
          page(response, 400, `The flow failed: ${error instanceof Error ? error.message : String(error)}`);
          finish(() => reject(error));
        },
      );
    });

    const finish = (settle: () => void): void => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      server.close();
      server.closeIdleConnections();
      settle();
    };

    const onAbort = (): void =>
      finish(() => reject(options.signal?.reason ?? new CommandFailed('authorization flow aborted')));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) return onAbort();

    server.on('error', (error: NodeJS.ErrnoException) => {
      const message =
        error.code === 'EADDRINUSE'
          ? `port ${options.port} is already in use; pick another with --port`
          : error.message;
      finish(() => reject(new CallbackServerError(`cannot start the callback server: ${message}`)));
    });
    server.listen(options.port, listenHost(options.redirectUri), () => {
      const port = (server.address() as AddressInfo).port;
      const redirectUri = options.redirectUri ?? `http://127.0.0.1:${port}/callback`;
      pending = {
        state: options.state ?? randomValue(24),
        nonce: randomValue(24),
        verifier: pkce.verifier,
        redirectUri,
      };
      io.onAuthorizationUrl(
        authorizationUrl(options, redirectUri, { ...pending, codeChallenge: pkce.challenge }),
        redirectUri,
      );
    });
  });

/**
 * One GET to an already checked address with node's http client: no redirects followed (node never
 * follows them), a body cap enforced while reading, and the caller's deadline as an AbortSignal.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { CheckedAddress } from './checked-address.ts';
import { OutboundFailure } from './failure.ts';

/** Connects to the checked address whatever the name resolves to now; TLS still verifies the URL's host name. */
export const pinnedLookup = ({ address, family }: CheckedAddress): LookupFunction =>
  (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };

const statusProblem = (res: IncomingMessage): string | undefined => {
  const status = res.statusCode ?? 0;
  if (status === 200) return undefined;
  if (status >= 300 && status < 400) {
    const to = res.headers.location ? ` to ${res.headers.location}` : '';
    return `redirects (HTTP ${status}${to}); Olympus follows no redirects, so register the final URL`;
  }
  return `answered HTTP ${status} instead of 200`;
};

export const boundedGet = (url: URL, target: CheckedAddress, maxBytes: number, signal: AbortSignal, headers: Record<string, string> = {}): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const tooLarge = `answered with more than ${maxBytes / 1024} KiB, the most Olympus reads`;
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    // agent: false — a pooled socket could have been opened to an address checked for another request.
    const req = send(url, { method: 'GET', headers: { accept: 'application/json', ...headers }, agent: false, lookup: pinnedLookup(target), signal });
    const fail = (err: Error): void => {
      reject(err);
      req.destroy();
    };
    req.on('error', fail);
    req.on('response', (res) => {
      const problem = statusProblem(res) ?? (Number(res.headers['content-length']) > maxBytes ? tooLarge : undefined);
      if (problem) return fail(new OutboundFailure(problem));
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) fail(new OutboundFailure(tooLarge));
        else chunks.push(chunk);
      });
      res.on('error', fail);
      res.on('end', () => resolve(Buffer.concat(chunks)));
    });
    req.end();
  });

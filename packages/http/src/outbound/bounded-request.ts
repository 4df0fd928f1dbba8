/**
 * One request to an already checked address with node's http client: no redirects followed (node never
 * follows them), no pooled socket, a body cap enforced while reading, and the caller's deadline as an
 * AbortSignal. bounded-get.ts and bounded-post.ts say which answers they take.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { CheckedAddress } from './checked-address.ts';
import { OutboundFailure } from './failure.ts';

/** Connects to the checked address whatever the name resolves to now; TLS still verifies the URL's host name. */
const pinnedLookup = ({ address, family }: CheckedAddress): LookupFunction =>
  (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };

export interface BoundedAnswer {
  status: number;
  body: Buffer;
}

export interface BoundedRequest {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  maxBytes: number;
  signal: AbortSignal;
  /** Why an answer is refused before its body is read (`tooLarge` is the cap's own wording); undefined to read it. */
  refuse?: (res: IncomingMessage, tooLarge: string) => string | undefined;
}

export const boundedRequest = (url: URL, target: CheckedAddress, request: BoundedRequest): Promise<BoundedAnswer> =>
  new Promise((resolve, reject) => {
    const { maxBytes } = request;
    const tooLarge = `answered with more than ${maxBytes / 1024} KiB, the most Olympus reads`;
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    // agent: false — a pooled socket could have been opened to an address checked for another request.
    const req = send(url, { method: request.method, headers: request.headers, agent: false, lookup: pinnedLookup(target), signal: request.signal });
    const fail = (err: Error): void => {
      reject(err);
      req.destroy();
    };
    req.on('error', fail);
    req.on('response', (res) => {
      const problem = request.refuse?.(res, tooLarge);
      if (problem) return fail(new OutboundFailure(problem));
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) fail(new OutboundFailure(tooLarge));
        else chunks.push(chunk);
      });
      res.on('error', fail);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
    });
    req.end(request.body);
  });

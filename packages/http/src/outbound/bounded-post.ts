/**
 * One form POST to an already checked address (a provider's token endpoint): like bounded-get.ts, no
 * redirects, a body cap and the caller's deadline, but any status is answered, since a token
 * endpoint's 400 carries the OAuth2 error that explains the refusal (RFC 6749 §5.2).
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { pinnedLookup } from './bounded-get.ts';
import type { CheckedAddress } from './checked-address.ts';
import { OutboundFailure } from './failure.ts';

export interface PostAnswer {
  status: number;
  body: Buffer;
}

export const boundedPost = (url: URL, target: CheckedAddress, form: string, headers: Record<string, string>, maxBytes: number, signal: AbortSignal): Promise<PostAnswer> =>
  new Promise((resolve, reject) => {
    const tooLarge = `answered with more than ${maxBytes / 1024} KiB, the most Olympus reads`;
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, {
      method: 'POST',
      headers: { ...headers, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(form) },
      agent: false, lookup: pinnedLookup(target), signal,
    });
    const fail = (err: Error): void => {
      reject(err);
      req.destroy();
    };
    req.on('error', fail);
    req.on('response', (res) => {
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
    req.end(form);
  });

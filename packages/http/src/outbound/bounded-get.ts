/**
 * One GET to an already checked address (bounded-request.ts): only a 200 is read, a redirect is named
 * with where it points, and a Content-Length over the cap is refused before reading.
 */
import type { IncomingMessage } from 'node:http';
import { boundedRequest } from './bounded-request.ts';
import type { CheckedAddress } from './checked-address.ts';

const statusProblem = (res: IncomingMessage): string | undefined => {
  const status = res.statusCode ?? 0;
  if (status === 200) return undefined;
  if (status >= 300 && status < 400) {
    const to = res.headers.location ? ` to ${res.headers.location}` : '';
    return `redirects (HTTP ${status}${to}); Olympus follows no redirects, so register the final URL`;
  }
  return `answered HTTP ${status} instead of 200`;
};

export const boundedGet = async (url: URL, target: CheckedAddress, maxBytes: number, signal: AbortSignal, headers: Record<string, string> = {}): Promise<Buffer> => {
  const answer = await boundedRequest(url, target, {
    method: 'GET', headers: { accept: 'application/json', ...headers }, maxBytes, signal,
    refuse: (res, tooLarge) => statusProblem(res) ?? (Number(res.headers['content-length']) > maxBytes ? tooLarge : undefined),
  });
  return answer.body;
};

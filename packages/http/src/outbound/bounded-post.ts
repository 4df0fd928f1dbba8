/**
 * One form POST to an already checked address (a provider's token endpoint), through bounded-request.ts:
 * any status is answered, since a token endpoint's 400 carries the OAuth2 error that explains the
 * refusal (RFC 6749 §5.2).
 */
import { boundedRequest, type BoundedAnswer } from './bounded-request.ts';
import type { CheckedAddress } from './checked-address.ts';

export const boundedPost = (url: URL, target: CheckedAddress, form: string, headers: Record<string, string>, maxBytes: number, signal: AbortSignal): Promise<BoundedAnswer> =>
  boundedRequest(url, target, {
    method: 'POST',
    headers: { ...headers, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(form)) },
    body: form, maxBytes, signal,
  });

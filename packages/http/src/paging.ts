/**
 * Token-based paging for admin list endpoints (Hydra's `page_size` / `page_token` and `Link` header).
 * A page token is the keyset position sealed with AES-GCM under the system secrets and bound to the
 * endpoint's name, so a forged, altered or borrowed token is refused with a 400 before it reaches
 * storage (docs/security.md AS-44: Hydra once had SQL injection through forged page tokens).
 */
import type { Sealer } from '@olympus/crypto';
import { InvalidRequest } from '@olympus/oauth2';

export const DEFAULT_PAGE_SIZE = 250;
export const MAX_PAGE_SIZE = 500;

const purposeOf = (endpoint: string): string => `page:${endpoint}`;

/** Reads `page_size`: absent → the default; otherwise a whole number from 1 to 500. */
export const readPageSize = (raw: unknown): number => {
  if (raw === undefined || raw === '') return DEFAULT_PAGE_SIZE;
  const size = typeof raw === 'string' && /^[0-9]{1,6}$/.test(raw) ? Number(raw) : NaN;
  if (!(size >= 1 && size <= MAX_PAGE_SIZE)) {
    throw new InvalidRequest(`page_size must be a whole number from 1 to ${MAX_PAGE_SIZE}, but is ${JSON.stringify(raw)}.`, {
      hint: `Leave it out for ${DEFAULT_PAGE_SIZE}.`,
    });
  }
  return size;
};

export const sealPageToken = (sealer: Sealer, endpoint: string, position: unknown): string =>
  sealer.seal(JSON.stringify(position), purposeOf(endpoint));

/**
 * Opens a page token; undefined when none was sent. Anything that does not open under this
 * endpoint's purpose, or opens to an unexpected shape, is the same 400.
 */
export const openPageToken = <T>(
  sealer: Sealer,
  endpoint: string,
  raw: unknown,
  isPosition: (value: unknown) => value is T,
): T | undefined => {
  if (raw === undefined || raw === '') return undefined;
  const opened = typeof raw === 'string' ? sealer.open(raw, purposeOf(endpoint)) : undefined;
  let position: unknown;
  try {
    position = opened === undefined ? undefined : JSON.parse(opened);
  } catch {
    position = undefined;
  }
  if (position === undefined || !isPosition(position)) {
    throw new InvalidRequest('The page_token is invalid or was issued for another list.', {
      hint: 'Use the page_token exactly as it appears in the Link header of the previous page, or leave it out to start over.',
    });
  }
  return position;
};

/**
 * RFC 8288 `Link` header like Hydra's: rel="first" always, rel="next" when a next token exists.
 * Other query parameters (filters) are carried over.
 */
export const pageLinks = (path: string, query: Record<string, string>, pageSize: number, nextToken?: string): string => {
  const link = (token: string | undefined, rel: string): string => {
    const params = new URLSearchParams(query);
    params.set('page_size', String(pageSize));
    if (token === undefined) params.delete('page_token');
    else params.set('page_token', token);
    return `<${path}?${params.toString()}>; rel="${rel}"`;
  };
  return nextToken === undefined ? link(undefined, 'first') : `${link(undefined, 'first')}, ${link(nextToken, 'next')}`;
};

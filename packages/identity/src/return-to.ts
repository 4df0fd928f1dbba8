/**
 * `return_to` of the self-service flows (docs/security.md AS-7: no open redirect). Accepted: an
 * absolute http(s) URL whose origin equals an allowed entry's and whose path lies under that
 * entry's path, or a path on the public origin. Everything a browser might read differently from
 * a URL parser is refused up front: `//evil`, `/\evil`, `https:evil`, backslashes, control
 * characters, user info.
 */
import type { OlympusConfig } from '@olympus/config';
import { SelfServiceFlowReturnToForbidden } from './errors.ts';

const forbidden = (raw: string, why: string): SelfServiceFlowReturnToForbidden =>
  new SelfServiceFlowReturnToForbidden('Requested return_to URL is not allowed.', {
    reason: `The return_to URL "${raw}" is not allowed: ${why}.`,
    details: {
      hint: 'Add the URL (scheme, host, port and a path prefix) to selfservice.allowed_return_urls, or send a path on the public origin.',
    },
    debug: why,
  });

const parse = (raw: string, publicUrl: string): URL => {
  // Refused before parsing: URL parsers and browsers disagree about these (WHATWG URL §4.4).
  if (/[\\\u0000-\u001f\u007f]/.test(raw)) throw forbidden(raw, 'it contains a backslash or a control character');
  if (raw.startsWith('/')) {
    if (raw.startsWith('//')) throw forbidden(raw, 'a scheme-relative URL names another host');
    return new URL(raw, publicUrl);
  }
  if (!/^https?:\/\/[^/]/i.test(raw)) throw forbidden(raw, 'only absolute http(s) URLs and paths are accepted');
  try {
    return new URL(raw);
  } catch {
    throw forbidden(raw, 'it is not a valid URL');
  }
};

/** An allowed entry covers a URL when the origins are equal and the entry's path is a segment prefix. */
const covers = (entry: string, url: URL): boolean => {
  let allowed: URL;
  try {
    allowed = new URL(entry);
  } catch {
    return false;
  }
  if (allowed.origin !== url.origin) return false;
  const base = allowed.pathname.endsWith('/') ? allowed.pathname : `${allowed.pathname}/`;
  return allowed.pathname === '/' || url.pathname === allowed.pathname || url.pathname.startsWith(base);
};

/**
 * The checked absolute return_to, or '' when none was asked for. Throws
 * SelfServiceFlowReturnToForbidden (400) for anything not allowed.
 */
export const checkReturnTo = (config: OlympusConfig, raw: string | undefined): string => {
  if (raw === undefined || raw === '') return '';
  const publicUrl = config.serve.public.url;
  const url = parse(raw, publicUrl);
  if (url.username !== '' || url.password !== '') throw forbidden(raw, 'it carries user information');
  const allowList = [publicUrl, ...config.selfservice.allowedReturnUrls];
  if (!allowList.some((entry) => covers(entry, url))) throw forbidden(raw, 'it is neither on the public origin nor under an entry of selfservice.allowed_return_urls');
  return url.toString();
};

/**
 * Rules for the URIs a client registers. Each rule returns what is wrong (naming the fix) or
 * undefined; the caller names the field and picks the error type. Registration is where these
 * belong: the authorize endpoint then only compares strings exactly (docs/security.md AS-1..AS-5).
 */
import { show } from './describe.ts';

export interface UriSubject {
  /** Where the URI sits, e.g. `redirect_uris[2]`. */
  label: string;
  raw: string;
  url: URL;
  /** Development mode: plain http is allowed for any host. */
  dev: boolean;
}

type UriRule = (subject: UriSubject) => string | undefined;

export const LOOPBACK_HOSTS = ['127.0.0.1', '[::1]', 'localhost'];
const SCRIPT_SCHEMES = ['javascript:', 'data:', 'file:', 'vbscript:', 'blob:'];
/** Parameters the AS itself adds to the redirect; a registered URI carrying them can be confused (AS-5, RFC 9207). */
const RESPONSE_PARAMS = ['code', 'state', 'iss', 'error', 'error_description', 'error_uri', 'id_token', 'access_token'];

/** Parses an absolute URI, or says why it is not one. Whitespace is refused: `URL` would strip it silently. */
export const parseAbsoluteUri = (raw: string): URL | string => {
  if (raw === '') return 'is empty; remove it or write an absolute URI such as "https://app.example/callback"';
  if (/[\s\u0000-\u001f\u007f]/u.test(raw)) return `${show(raw)} contains whitespace or control characters; remove them`;
  if (/^[a-z0-9.-]+:\d+(\/|$)/i.test(raw)) return `${show(raw)} looks like host:port without a scheme; write "http://${raw}" or "https://${raw}"`;
  if (!URL.canParse(raw)) return `${show(raw)} is not an absolute URI; include the scheme, e.g. "https://app.example/callback"`;
  return new URL(raw);
};

export const noScriptScheme: UriRule = ({ raw, url }) =>
  SCRIPT_SCHEMES.includes(url.protocol)
    ? `${show(raw)} uses the ${url.protocol} scheme, which a browser would run or read as content; register an https:// URI or an app-specific scheme such as com.example.app:/callback`
    : undefined;

/** RFC 6749 §3.1.2: "The endpoint URI MUST NOT include a fragment component." */
export const noFragment: UriRule = ({ raw }) =>
  raw.includes('#') ? `${show(raw)} contains a fragment (#…); remove it (RFC 6749 §3.1.2)` : undefined;

/** RFC 9700 §2.1: exact string matching, so a wildcard is never a pattern (docs/security.md AS-1). */
export const noWildcard: UriRule = ({ raw }) =>
  raw.includes('*')
    ? `${show(raw)} contains "*", but Olympus matches URIs and origins exactly (RFC 9700 §2.1); register each one in full`
    : undefined;

/** `https://app.example@evil.com/` shows one host and sends to another (AS-1). */
export const noUserinfo: UriRule = ({ raw, url }) =>
  url.username !== '' || url.password !== ''
    ? `${show(raw)} contains user information before "@", which hides the real host (${url.host}); remove it`
    : undefined;

export const noResponseParams: UriRule = ({ raw, url }) => {
  const found = RESPONSE_PARAMS.find((name) => url.searchParams.has(name));
  return found
    ? `${show(raw)} carries the OAuth2 response parameter "${found}" in its query; the server adds ${RESPONSE_PARAMS.join(', ')} itself, so remove it from the registered URI`
    : undefined;
};

/** RFC 9700 §2.6 / RFC 8252 §7.3: plain http only towards the user's own machine, unless in dev mode. */
export const httpOnlyForLoopback: UriRule = ({ raw, url, dev }) =>
  url.protocol === 'http:' && !dev && !LOOPBACK_HOSTS.includes(url.hostname)
    ? `${show(raw)} uses http, which is allowed only for loopback hosts (${LOOPBACK_HOSTS.join(', ')}); use "${raw.replace(/^http:/i, 'https:')}" (RFC 9700 §2.6), or run Olympus with --dev`
    : undefined;

export const onlyWebSchemes: UriRule = ({ raw, url }) =>
  url.protocol === 'https:' || url.protocol === 'http:'
    ? undefined
    : `${show(raw)} must be an http(s) URL, but it uses the ${url.protocol} scheme`;

/** Redirect and post-logout redirect URIs; custom schemes stay allowed for native apps (RFC 8252 §7.1). */
export const REDIRECT_URI_RULES: readonly UriRule[] = [
  noScriptScheme, noFragment, noWildcard, noUserinfo, noResponseParams, httpOnlyForLoopback,
];

/** URIs the server fetches or posts to (jwks_uri, logout notifications, request_uris). */
export const SERVER_URL_RULES: readonly UriRule[] = [onlyWebSchemes, noUserinfo, noFragment, httpOnlyForLoopback];

/** URIs shown to the user as links or images (client_uri, logo_uri, policy_uri, tos_uri). */
export const DISPLAY_URL_RULES: readonly UriRule[] = [onlyWebSchemes, noUserinfo];

/** Runs rules over one URI; returns the first problem, or undefined when it passes. */
export const firstUriProblem = (label: string, raw: string, dev: boolean, rules: readonly UriRule[]): string | undefined => {
  const parsed = parseAbsoluteUri(raw);
  if (typeof parsed === 'string') return `${label} ${parsed}`;
  for (const rule of rules) {
    const problem = rule({ label, raw, url: parsed, dev });
    if (problem) return `${label} ${problem}`;
  }
  return undefined;
};

/**
 * A CORS origin is exactly what browsers send in `Origin`: scheme://host[:port], lower case,
 * no default port, no path (RFC 6454 §6.1).
 */
export const originProblem = (label: string, raw: string, dev: boolean): string | undefined => {
  const generic = firstUriProblem(label, raw, dev, [onlyWebSchemes, noUserinfo, noWildcard, httpOnlyForLoopback]);
  if (generic) return generic;
  const url = new URL(raw);
  if (url.pathname !== '/' || url.search !== '' || raw.includes('#')) {
    return `${label} ${show(raw)} has a path, query or fragment; an origin is scheme://host[:port] only, e.g. "${url.origin}"`;
  }
  if (raw !== url.origin) return `${label} ${show(raw)} is not written the way browsers send it; write "${url.origin}"`;
  return undefined;
};

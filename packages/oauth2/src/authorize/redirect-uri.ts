/**
 * Redirect URI matching: exact string comparison (RFC 9700 §2.1, RFC 6749 §3.1.2.3), except that
 * a loopback IP literal may use any port (RFC 8252 §7.3) — path and query must still match.
 * When nothing matches, `explainMismatch` names the nearest registered URI and how they differ.
 */
import { levenshtein } from '@olympus/config';

const parse = (uri: string): URL | undefined => {
  try {
    return new URL(uri);
  } catch {
    return undefined;
  }
};

/**
 * RFC 8252 §7.3: http://127.0.0.1 or http://[::1] registered without caring for the port. Compared
 * on the raw strings with only the port left out, so no normalisation sneaks in; a URL parser
 * would hide an explicit ":80", which refused that one port (test/fuzz/pure-functions.test.ts).
 */
const LOOPBACK_ORIGIN = /^http:\/\/(127\.0\.0\.1|\[::1\])(?::\d{1,5})?(?=[/?#]|$)/;

const loopbackMatch = (registered: string, candidate: string): boolean => {
  const r = LOOPBACK_ORIGIN.exec(registered);
  const c = LOOPBACK_ORIGIN.exec(candidate);
  if (!r || !c || r[1] !== c[1] || parse(candidate) === undefined) return false;
  return registered.slice(r[0].length) === candidate.slice(c[0].length);
};

export const matchRedirectUri = (registered: readonly string[], candidate: string): boolean =>
  registered.some((r) => r === candidate || loopbackMatch(r, candidate));

export interface RedirectMismatch {
  nearest: string;
  differences: string[];
}

const describe = (registered: string, candidate: string): string[] => {
  const r = parse(registered);
  const c = parse(candidate);
  if (!r || !c) return ['the redirect_uri is not an absolute URL'];
  const out: string[] = [];
  if (r.protocol !== c.protocol) out.push(`scheme differs (registered "${r.protocol.slice(0, -1)}", sent "${c.protocol.slice(0, -1)}")`);
  if (r.hostname !== c.hostname) out.push(`host differs (registered "${r.hostname}", sent "${c.hostname}")`);
  if (r.port !== c.port) out.push(`port differs (registered "${r.port || 'default'}", sent "${c.port || 'default'}")`);
  if (r.pathname !== c.pathname) {
    if (r.pathname + '/' === c.pathname) out.push('the sent URI has a trailing slash the registered one does not have');
    else if (c.pathname + '/' === r.pathname) out.push('the registered URI ends with a slash the sent one does not have');
    else out.push(`path differs (registered "${r.pathname}", sent "${c.pathname}")`);
  }
  if (r.search !== c.search) out.push(`query differs (registered "${r.search}", sent "${c.search}")`);
  if (c.hash) out.push('the sent URI has a fragment, which redirect URIs must not have (RFC 6749 §3.1.2)');
  if (out.length === 0) out.push('the URIs differ in letter case or encoding; Olympus compares them exactly');
  return out;
};

export const explainMismatch = (registered: readonly string[], candidate: string): RedirectMismatch | undefined => {
  if (registered.length === 0) return undefined;
  // The registered URI at the smallest edit distance is the one the developer most likely meant.
  const nearest = [...registered].sort((a, b) => levenshtein(a, candidate) - levenshtein(b, candidate))[0];
  return { nearest, differences: describe(nearest, candidate) };
};

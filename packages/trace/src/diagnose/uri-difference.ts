/**
 * What separates a sent redirect URI from the registered ones (seed 003's trailing slash): the nearest
 * registered URI and the parts that differ, in words. Registered URIs must match byte for byte
 * (RFC 9700 §4.1.3; docs/troubleshooting/invalid_request.md), except the port of a loopback URI
 * (RFC 8252 §7.3), which the server accepts and this module therefore treats as equal.
 */

const parse = (uri: string): URL | undefined => {
  try {
    return new URL(uri);
  } catch {
    return undefined;
  }
};

const LOOPBACK = new Set(['127.0.0.1', '[::1]']);

const trimSlash = (path: string): string => (path.endsWith('/') ? path.slice(0, -1) : path);

/** The parts that differ between `sent` and `registered`, each in words; empty when they are the same URI. */
export const uriDifferences = (sent: string, registered: string): string[] => {
  if (sent === registered) return [];
  const [a, b] = [parse(sent), parse(registered)];
  if (a === undefined) return ['sent is not an absolute URI'];
  if (b === undefined) return ['the registered URI is not an absolute URI'];
  const differences: string[] = [];
  if (a.protocol !== b.protocol) differences.push(`scheme: sent ${a.protocol.slice(0, -1)}, registered ${b.protocol.slice(0, -1)}`);
  if (a.hostname !== b.hostname) differences.push(`host: sent ${a.hostname}, registered ${b.hostname}`);
  const loopback = a.protocol === 'http:' && LOOPBACK.has(a.hostname) && a.hostname === b.hostname;
  if (a.port !== b.port && !loopback) differences.push(`port: sent ${a.port || '(default)'}, registered ${b.port || '(default)'}`);
  if (a.pathname !== b.pathname) {
    if (trimSlash(a.pathname) === trimSlash(b.pathname)) differences.push(a.pathname.endsWith('/') ? 'sent has a trailing slash' : 'registered has a trailing slash, sent has none');
    else if (a.pathname.toLowerCase() === b.pathname.toLowerCase()) differences.push(`path differs in case: sent ${a.pathname}, registered ${b.pathname}`);
    else differences.push(`path: sent ${a.pathname}, registered ${b.pathname}`);
  }
  if (a.search !== b.search) differences.push(`query: sent ${a.search || '(none)'}, registered ${b.search || '(none)'}`);
  if (a.hash !== '') differences.push('sent has a fragment, which a redirect URI may not have');
  if (differences.length === 0 && !loopback) differences.push('they differ in escaping or letter case');
  return differences;
};

/** Whether the server would have taken `sent` for `registered` (equal, or a loopback URI on another port). */
export const sameRedirect = (sent: string, registered: string): boolean => uriDifferences(sent, registered).length === 0;

/** The registered URI closest to `sent` (fewest differing parts) with its differences, or undefined when none is registered. */
export const nearestRegistered = (sent: string, registered: readonly string[]): { uri: string; differences: string[] } | undefined =>
  registered
    .map((uri) => ({ uri, differences: uriDifferences(sent, uri) }))
    .sort((x, y) => x.differences.length - y.differences.length)[0];

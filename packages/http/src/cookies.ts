import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CookieInstruction } from '@olympus/oauth2';

export interface CookiePolicy {
  secure: boolean;
  sameSite: 'Lax' | 'Strict' | 'None';
}

/**
 * Outside dev, cookies are Secure and carry the `__Host-` prefix where the path allows it
 * (`__Secure-` otherwise), so no sibling subdomain can plant them (ASVS 5.0 3.3.1–3.3.4).
 */
export const wireName = (name: string, path: string, policy: CookiePolicy): string =>
  policy.secure ? `${path === '/' ? '__Host-' : '__Secure-'}${name}` : name;

export const parseCookies = (header: string | undefined): Record<string, string> => {
  const out: Record<string, string> = Object.create(null);
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!(name in out)) {
      try {
        out[name] = decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        out[name] = part.slice(eq + 1).trim();
      }
    }
  }
  return out;
};

/** The request's cookies under the core's names (wire prefixes removed). */
export const readCookies = (req: FastifyRequest, policy: CookiePolicy): Record<string, string> => {
  const raw = parseCookies(req.headers.cookie);
  if (!policy.secure) return raw;
  const out: Record<string, string> = Object.create(null);
  for (const [name, value] of Object.entries(raw)) {
    const m = /^__(?:Host|Secure)-(.+)$/.exec(name);
    if (m) out[m[1]] = value;
  }
  return out;
};

export const serializeCookie = (c: CookieInstruction, policy: CookiePolicy): string => {
  const parts = [`${wireName(c.name, c.path, policy)}=${encodeURIComponent(c.value)}`, `Path=${c.path}`, 'HttpOnly', `SameSite=${policy.sameSite}`];
  if (policy.secure || policy.sameSite === 'None') parts.push('Secure');
  if (c.maxAgeSeconds !== undefined) {
    parts.push(`Max-Age=${c.maxAgeSeconds}`);
    if (c.maxAgeSeconds === 0) parts.push('Expires=Thu, 01 Jan 1970 00:00:00 GMT');
  }
  return parts.join('; ');
};

export const setCookies = (reply: FastifyReply, cookies: readonly CookieInstruction[], policy: CookiePolicy): void => {
  if (cookies.length === 0) return;
  const existing = reply.getHeader('set-cookie');
  const prior = Array.isArray(existing) ? existing.map(String) : existing ? [String(existing)] : [];
  reply.header('set-cookie', [...prior, ...cookies.map((c) => serializeCookie(c, policy))]);
};

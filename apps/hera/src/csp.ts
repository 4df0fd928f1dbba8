/**
 * The page CSP with `form-action` widened to the client's redirect origins. Chromium applies
 * form-action to every redirect a form submission follows (CSP3 §6.3.3), and Hera's forms end, through
 * /oauth2/auth, at the app's redirect_uri; 'self' alone would block the last hop.
 */
import type { FastifyReply } from 'fastify';
import { PAGE_CSP } from '@olympus/http';

const originsOf = (uris: readonly string[]): string[] => {
  const origins = new Set<string>();
  for (const uri of uris) {
    try {
      const { origin, protocol } = new URL(uri);
      // Custom schemes (native apps) have an opaque origin: allow the scheme itself.
      origins.add(origin === 'null' ? protocol : origin);
    } catch {
      // A redirect URI the client registry accepted always parses; nothing to allow otherwise.
    }
  }
  return [...origins].filter((o) => !/[\s;,']/.test(o));
};

export const allowFormRedirectsTo = (reply: FastifyReply, client: unknown): void => {
  const uris = (client as { redirect_uris?: unknown }).redirect_uris;
  const extra = Array.isArray(uris) ? originsOf(uris.filter((u): u is string => typeof u === 'string')) : [];
  if (extra.length === 0) return;
  reply.header('content-security-policy', PAGE_CSP.replace("form-action 'self'", `form-action 'self' ${extra.join(' ')}`));
};

/**
 * Hera's static assets on the public origin: the stylesheet, the theme (colours from config), the
 * configured logo and the WebAuthn script at Kratos' /.well-known/ory/webauthn.js (the identity
 * package's ui/webauthn.js, which Hera's pages and other UIs such as Ory Elements share). Same-origin,
 * so the page CSP needs only `style-src 'self'; img-src 'self'`, and `script-src 'self'` on the pages
 * with a passkey button.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { HttpDeps } from '@olympus/http';
import { WEBAUTHN_SCRIPT } from '@olympus/identity';
import { HERA_CSS, themeCss } from './stylesheet.ts';
import { pageSchema } from '@olympus/http';

export const ASSET_PATHS = {
  css: '/hera/assets/hera.css', theme: '/hera/assets/theme.css', logo: '/hera/assets/logo', webauthn: WEBAUTHN_SCRIPT.path,
} as const;

const LOGO_TYPES: Record<string, string> = { '.svg': 'image/svg+xml', '.png': 'image/png', '.webp': 'image/webp' };

export const registerHeraAssets = (app: FastifyInstance, { ctx }: HttpDeps): void => {
  const { hera } = ctx.config;
  const theme = themeCss(hera.colors);
  app.get(ASSET_PATHS.css, { schema: pageSchema({ summary: "Hera's stylesheet", tag: 'hera', produces: 'text/css' }) }, async (_req, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(HERA_CSS));
  app.get(ASSET_PATHS.theme, { schema: pageSchema({ summary: 'The configured theme', tag: 'hera', produces: 'text/css' }) }, async (_req, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=300').send(theme));
  // A UI on another origin loads it with crossorigin="anonymous" and the node's integrity, which needs CORS
  // (Fetch §3.2.5); a public script sent without cookies, so any origin may read it.
  app.get(ASSET_PATHS.webauthn, { schema: pageSchema({ summary: "Olympus' WebAuthn script (Kratos' window functions)", tag: 'hera', produces: 'text/javascript' }) }, async (_req, reply) => reply.type('text/javascript; charset=utf-8')
    .header('cache-control', 'public, max-age=300').header('access-control-allow-origin', '*').send(WEBAUTHN_SCRIPT.source));
  if (!hera.logo) return;
  const type = LOGO_TYPES[extname(hera.logo).toLowerCase()] ?? 'application/octet-stream';
  // Read once: a logo missing at start is a configuration error the operator sees in the log.
  const logo = readFile(hera.logo);
  logo.catch((err: Error) => app.log.error({ path: hera.logo, err: err.message }, 'hera.logo cannot be read; pages show the product name only'));
  app.get(ASSET_PATHS.logo, { schema: pageSchema({ summary: 'The configured logo', tag: 'hera', produces: 'image/*' }) }, async (_req, reply) => {
    const bytes = await logo.catch(() => undefined);
    if (bytes === undefined) return reply.code(404).type('text/plain').send('No logo.\n');
    // An SVG served as an image cannot run script in the page, and `sandbox` keeps it inert if opened directly.
    return reply.type(type).header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox").header('cache-control', 'public, max-age=300').send(bytes);
  });
};

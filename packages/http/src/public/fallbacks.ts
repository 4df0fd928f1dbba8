import { readFile } from 'node:fs/promises';
import type { FastifyRequest } from 'fastify';
import type { RegisterRoutes } from '../deps.ts';
import { html, page } from '../html.ts';
import { STYLESHEET } from '../style.ts';
import { discoverySchemas as schemas } from './discovery.schema.ts';

const DOCS_DIR = new URL('../../../../docs/troubleshooting/', import.meta.url);
const q = (req: FastifyRequest, name: string): string => String((req.query as Record<string, unknown>)[name] ?? '');

/**
 * Olympus' own small pages on the public origin: the stylesheet, the default error and
 * post-logout pages (Hydra's /oauth2/fallbacks/*), and the troubleshooting pages error hints link to.
 */
export const registerFallbackRoutes: RegisterRoutes = (app) => {
  app.get('/.well-known/olympus/style.css', { schema: schemas.stylesheet }, async (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(STYLESHEET));

  app.get('/oauth2/fallbacks/error', { schema: schemas.fallbackError }, async (req, reply) =>
    reply.type('text/html; charset=utf-8').send(page('Error', html`<h1>Something went wrong</h1>
<p role="alert"><strong>${q(req, 'error') || 'error'}</strong>: ${q(req, 'error_description')}</p>
${q(req, 'error_hint') ? html`<p>${q(req, 'error_hint')}</p>` : ''}
<p>Request id: <code>${String(req.id)}</code></p>`)));

  app.get('/oauth2/fallbacks/logout/callback', { schema: schemas.fallbackLogout }, async (_req, reply) =>
    reply.type('text/html; charset=utf-8').send(page('Logged out', html`<h1>You are logged out</h1>
<p>You can close this window.</p>`)));

  app.get<{ Params: { code: string } }>('/docs/troubleshooting/:code', { schema: schemas.troubleshooting }, async (req, reply) => {
    const code = req.params.code.replace(/\.md$/, '');
    if (!/^[a-z0-9_]+$/.test(code)) return reply.code(404).type('text/plain').send('No such page.\n');
    try {
      const text = await readFile(new URL(`${code}.md`, DOCS_DIR), 'utf8');
      return reply.type('text/markdown; charset=utf-8').send(text);
    } catch {
      return reply.code(404).type('text/plain').send(`No troubleshooting page for "${code}".\n`);
    }
  });
};

/**
 * CORS for a self-service UI on its own origin (Ory Elements, a single-page app): the origins of the
 * configured UI pages (`selfservice.flows.*.ui_url`, `default_browser_return_url`) may call the
 * self-service API, `/sessions` and `/schemas` with credentials, so the browser sends the CSRF and
 * session cookies and the UI can read the flow. Olympus already sends browsers to these pages with a
 * flow id, so they are the identity server's own UI; every other origin gets no CORS headers
 * (docs/compatibility.md §2.5). The OAuth2 endpoints keep their per-client CORS (../cors.ts).
 */
import type { FastifyInstance } from 'fastify';
import type { OlympusConfig } from '@olympus/config';

const PATH_PREFIXES = ['/self-service/', '/sessions', '/schemas'];
/** Kratos' default `serve.public.cors` methods and headers, so its SDKs' requests pass the preflight. */
const ALLOW_METHODS = 'GET, POST, PUT, PATCH, DELETE';
const ALLOW_HEADERS = 'Accept, Authorization, Content-Type, X-Session-Token, X-CSRF-Token, X-XSRF-TOKEN, X-Request-Id';
const EXPOSE_HEADERS = 'Content-Type, X-Request-Id, X-Kratos-Authenticated-Identity-Id';

/** The origins of the UI pages that are not the public origin itself (same-origin needs no CORS). */
export const selfServiceUiOrigins = (config: OlympusConfig): Set<string> => {
  const { flows, defaultBrowserReturnUrl } = config.selfservice;
  const pages = [flows.login, flows.registration, flows.settings, flows.recovery, flows.verification, flows.error].map((f) => f.uiUrl);
  const publicOrigin = new URL(config.serve.public.url).origin;
  const origins = [...pages, defaultBrowserReturnUrl].map((page) => new URL(page, config.serve.public.url).origin);
  return new Set(origins.filter((origin) => origin !== publicOrigin));
};

const servesPath = (url: string): boolean => {
  const path = url.split('?')[0];
  return PATH_PREFIXES.some((prefix) => path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`));
};

/** Answers preflights and marks responses readable for the UI origins; a no-op when the UI is same-origin. */
export const registerSelfServiceCors = (app: FastifyInstance, config: OlympusConfig): void => {
  const origins = selfServiceUiOrigins(config);
  if (origins.size === 0) return;
  app.addHook('onRequest', async (req, reply) => {
    const origin = req.headers.origin;
    if (!origin || !origins.has(origin) || !servesPath(req.url)) return;
    reply.header('access-control-allow-origin', origin);
    reply.header('access-control-allow-credentials', 'true');
    reply.header('vary', 'Origin');
    reply.header('access-control-expose-headers', EXPOSE_HEADERS);
    if (req.method === 'OPTIONS') {
      reply.header('access-control-allow-methods', ALLOW_METHODS);
      reply.header('access-control-allow-headers', ALLOW_HEADERS);
      reply.header('access-control-max-age', '600');
      return reply.code(204).send();
    }
  });
};

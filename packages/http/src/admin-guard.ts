import type { FastifyInstance } from 'fastify';
import { constantTimeEqual } from '@olympus/crypto';
import { InvalidClient } from '@olympus/oauth2';

/**
 * Hydra's admin paths without the /admin prefix still work (docs/compatibility.md §1.2) for API
 * clients. A browser navigation keeps the path when the console serves the origin, so `/clients` is
 * Athena's page there (docs/decisions/0004-athena-paths.md).
 */
const LEGACY = /^\/(clients|keys|oauth2\/auth\/requests|oauth2\/auth\/sessions|oauth2\/introspect|oauth2\/tokens|trust)(\/|\?|$)/;
/** `browserNavigation` is asked only for a legacy path: every other request skips its header parsing. */
export const addAdminPrefix = (url: string, browserNavigation: () => boolean = () => false): string =>
  LEGACY.test(url) && !browserNavigation() ? `/admin${url}` : url;

/** The JSON admin API: everything under /admin/ (legacy paths are rewritten there first), and the metrics (metrics-route.ts). */
const isAdminApi = (path: string): boolean => path.startsWith('/admin/') || path === '/admin' || path === '/metrics' || path.startsWith('/metrics/');

/**
 * When API keys are configured (required once the admin origin leaves loopback), every call of the
 * JSON admin API needs `Authorization: Bearer <key>`, compared in constant time; health checks,
 * /version and the console's pages do not.
 */
export const registerAdminGuard = (app: FastifyInstance, apiKeys: readonly string[]): void => {
  if (apiKeys.length === 0) return;
  app.addHook('onRequest', async (req) => {
    const path = req.url.split('?')[0];
    // The console's pages sign administrators in themselves; the keys guard the JSON API only.
    if (!isAdminApi(path)) return;
    const auth = req.headers.authorization ?? '';
    const token = /^bearer /i.test(auth) ? auth.slice(7).trim() : '';
    if (!token || !apiKeys.some((k) => constantTimeEqual(k, token))) {
      throw new InvalidClient('The admin API requires an API key.', {
        hint: 'Send Authorization: Bearer <key> with one of serve.admin.api_keys (the CLI reads OLYMPUS_ADMIN_API_KEY).',
      });
    }
  });
};

import type { FastifyInstance } from 'fastify';
import { constantTimeEqual } from '@olympus/crypto';
import { InvalidClient } from '@olympus/oauth2';

/** Hydra's admin paths without the /admin prefix still work (docs/compatibility.md §1.2). */
const LEGACY = /^\/(clients|keys|oauth2\/auth\/requests|oauth2\/auth\/sessions|oauth2\/introspect|oauth2\/tokens|trust)(\/|\?|$)/;
export const addAdminPrefix = (url: string): string => (LEGACY.test(url) ? `/admin${url}` : url);

/**
 * When API keys are configured (required once the admin origin leaves loopback), every admin call
 * but the health checks needs `Authorization: Bearer <key>`, compared in constant time.
 */
export const registerAdminGuard = (app: FastifyInstance, apiKeys: readonly string[]): void => {
  if (apiKeys.length === 0) return;
  app.addHook('onRequest', async (req) => {
    const path = req.url.split('?')[0];
    if (path.startsWith('/health/') || path === '/version') return;
    const auth = req.headers.authorization ?? '';
    const token = /^bearer /i.test(auth) ? auth.slice(7).trim() : '';
    if (!token || !apiKeys.some((k) => constantTimeEqual(k, token))) {
      throw new InvalidClient('The admin API requires an API key.', {
        hint: 'Send Authorization: Bearer <key> with one of serve.admin.api_keys (the CLI reads OLYMPUS_ADMIN_API_KEY).',
      });
    }
  });
};

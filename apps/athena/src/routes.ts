/**
 * Athena's pages on the admin origin. Browser navigations to `/clients…` reach them while every other
 * request to those paths is rewritten to the JSON admin API under /admin (packages/http/src/admin-guard.ts,
 * docs/decisions/0004-athena-paths.md), so the pages and the API never share a route.
 */
import type { FastifyInstance } from 'fastify';
import type { HttpDeps } from '@olympus/http';
import { registerAthenaAssets } from './assets.ts';
import { homeBody } from './pages/home.ts';
import { SECTIONS } from './sections/index.ts';
import { adminPage } from './session/guard.ts';
import { registerSignIn } from './session/sign-in.ts';
import { pageSchema } from '@olympus/http';

export const registerAthena = (app: FastifyInstance, deps: HttpDeps): void => {
  if (!deps.ctx.config.athena.enabled || deps.identity === undefined) return;
  registerAthenaAssets(app);
  registerSignIn(app, deps);
  app.get('/', { schema: pageSchema({ summary: 'Console home', tag: 'athena' }) }, adminPage(deps, null, async (_req, reply, admin) =>
    admin.page.send(reply, admin.page.t.t('home.title'), await homeBody(deps, admin.page.t, admin.role))));
  for (const section of SECTIONS) section.register(app, deps);
};

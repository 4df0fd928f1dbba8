/**
 * Athena's pages on the admin origin. Browser navigations to `/clients…` reach them while every other
 * request to those paths is rewritten to the JSON admin API under /admin (packages/http/src/admin-guard.ts,
 * docs/decisions/0004-athena-paths.md), so the pages and the API never share a route.
 */
import type { FastifyInstance } from 'fastify';
import type { HttpDeps } from '@olympus/http';
import { can } from '@olympus/identity';
import { registerAthenaAssets } from './assets.ts';
import { homeBody } from './pages/home.ts';
import { clientsListBody } from './pages/clients/list.ts';
import { createClientFromForm, showNewClient } from './pages/clients/new.ts';
import { showClient } from './pages/clients/view.ts';
import { adminPage } from './session/guard.ts';
import { registerSignIn } from './session/sign-in.ts';

export const registerAthena = (app: FastifyInstance, deps: HttpDeps): void => {
  if (!deps.ctx.config.athena.enabled || deps.identity === undefined) return;
  const { ctx } = deps;
  registerAthenaAssets(app);
  registerSignIn(app, deps);

  app.get('/', adminPage(deps, null, async (_req, reply, admin) =>
    admin.page.send(reply, admin.page.t.t('home.title'), homeBody(admin.page.t))));

  app.get('/clients', adminPage(deps, 'clients.read', async (req, reply, admin) =>
    admin.page.send(reply, admin.page.t.t('clients.title'), await clientsListBody(ctx, req, admin.page.t, can(admin.role, 'clients.write')))));
  app.get('/clients/new', adminPage(deps, 'clients.write', async (_req, reply, admin) => showNewClient(reply, admin)));
  app.post('/clients/new', adminPage(deps, 'clients.write', async (req, reply, admin) => createClientFromForm(deps, req, reply, admin)));
  app.get('/clients/:id', adminPage(deps, 'clients.read', async (req, reply, admin) => showClient(deps, req, reply, admin)));
};

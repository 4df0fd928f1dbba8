/** Sign-in providers: the configured OpenID Connect providers and a dry run of one (admin only: providers.read). */
import { providersListBody } from '../pages/providers/list.ts';
import { dryRunCallback, dryRunFormPost, showDryRunResult, startProviderDryRun } from '../pages/providers/dry-run.ts';
import { adminPage } from '../session/guard.ts';
import type { Section } from './section.ts';
import { pageSchema } from '@olympus/http';

export const providersSection: Section = {
  path: '/providers',
  nav: 'nav.providers',
  permission: 'providers.read',
  register: (app, deps) => {
    app.get('/providers', { schema: pageSchema({ summary: 'Console: providers', tag: 'athena' }) }, adminPage(deps, 'providers.read', async (_req, reply, admin) =>
      admin.page.send(reply, admin.page.t.t('providers.title'), providersListBody(deps.ctx.config, admin.page.t))));
    app.get('/providers/:id/dry-run', { schema: pageSchema({ summary: 'Console: providers dry-run', tag: 'athena' }) }, adminPage(deps, 'providers.read', async (req, reply, admin) => startProviderDryRun(deps, req, reply, admin)));
    app.get('/providers/:id/dry-run/callback', { schema: pageSchema({ summary: 'Console: providers dry-run callback', tag: 'athena' }) }, async (req, reply) => dryRunCallback(req, reply));
    // Apple's form_post answer (pages/providers/dry-run.ts), turned into the GET above.
    app.post('/providers/:id/dry-run/callback', { schema: pageSchema({ summary: 'Console: providers dry-run callback (form_post)', tag: 'athena' }) }, async (req, reply) => dryRunFormPost(req, reply));
    app.get('/providers/:id/dry-run/result', { schema: pageSchema({ summary: 'Console: providers dry-run result', tag: 'athena' }) }, adminPage(deps, 'providers.read', async (req, reply, admin) => showDryRunResult(deps, req, reply, admin)));
  },
};

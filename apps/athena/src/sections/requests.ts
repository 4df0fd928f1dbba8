/** Login & consent requests: the pending ones, and where any challenge stands. */
import { adminPage } from '../session/guard.ts';
import { requestsListBody } from '../pages/requests/list.ts';
import { showChallenge } from '../pages/requests/lookup.ts';
import type { Section } from './section.ts';
import { pageSchema } from '@olympus/http';

export const requestsSection: Section = {
  path: '/requests',
  nav: 'nav.requests',
  permission: 'requests.read',
  register: (app, deps) => {
    app.get('/requests', { schema: pageSchema({ summary: 'Console: requests', tag: 'athena' }) }, adminPage(deps, 'requests.read', async (req, reply, admin) =>
      admin.page.send(reply, admin.page.t.t('requests.title'), await requestsListBody(deps.ctx, req, admin.page.t))));
    app.get('/requests/lookup', { schema: pageSchema({ summary: 'Console: requests lookup', tag: 'athena' }) }, adminPage(deps, 'requests.read', async (req, reply, admin) => showChallenge(deps.ctx, req, reply, admin)));
  },
};

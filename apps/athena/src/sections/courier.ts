/** Courier: the outgoing messages (the dev inbox without SMTP) and one message's delivery attempts. */
import { courierListBody } from '../pages/courier/list.ts';
import { showCourierMessage } from '../pages/courier/view.ts';
import { adminPage } from '../session/guard.ts';
import type { Section } from './section.ts';
import { pageSchema } from '@olympus/http';

export const courierSection: Section = {
  path: '/courier',
  nav: 'nav.courier',
  permission: 'courier.read',
  register: (app, deps) => {
    const { identity } = deps;
    if (identity === undefined) return;
    app.get('/courier', { schema: pageSchema({ summary: 'Console: courier', tag: 'athena' }) }, adminPage(deps, 'courier.read', async (req, reply, admin) =>
      admin.page.send(reply, admin.page.t.t('courier.title'), await courierListBody(identity, req, admin.page.t))));
    app.get('/courier/:id', { schema: pageSchema({ summary: 'Console: courier', tag: 'athena' }) }, adminPage(deps, 'courier.read', async (req, reply, admin) => showCourierMessage(identity, req, reply, admin)));
  },
};

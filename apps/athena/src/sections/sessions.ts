/** Sessions: every active identity session with its identity, and revoking one behind a confirmation page (support and admin: sessions.write). */
import { sessionsListBody } from '../pages/sessions/list.ts';
import { confirmRevokeSession, revokeSession } from '../pages/sessions/revoke.ts';
import { adminPage } from '../session/guard.ts';
import type { Section } from './section.ts';
import { pageSchema } from '@olympus/http';

export const sessionsSection: Section = {
  path: '/sessions',
  nav: 'nav.sessions',
  // There is no sessions.read: the sessions of everyone are for those who may end them.
  permission: 'sessions.write',
  register: (app, deps) => {
    app.get('/sessions', { schema: pageSchema({ summary: 'Console: sessions', tag: 'athena' }) }, adminPage(deps, 'sessions.write', async (req, reply, admin) =>
      admin.page.send(reply, admin.page.t.t('sessions.title'), await sessionsListBody(deps, req, admin, true))));
    app.get('/sessions/:id/revoke', { schema: pageSchema({ summary: 'Console: sessions revoke', tag: 'athena' }) }, adminPage(deps, 'sessions.write', async (req, reply, admin) => confirmRevokeSession(deps, req, reply, admin)));
    app.post('/sessions/:id/revoke', { schema: pageSchema({ summary: 'Console action: sessions revoke', tag: 'athena' }) }, adminPage(deps, 'sessions.write', async (req, reply, admin) => revokeSession(deps, req, reply, admin)));
  },
};

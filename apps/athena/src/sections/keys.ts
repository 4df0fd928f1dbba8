/** Keys: every JSON Web Key set with its keys' rotation states; rotating a set (keys.write). */
import { can } from '@olympus/identity';
import { keysListBody } from '../pages/keys/list.ts';
import { confirmRotation, rotateKeySet } from '../pages/keys/rotate.ts';
import { adminPage } from '../session/guard.ts';
import type { Section } from './section.ts';
import { pageSchema } from '@olympus/http';

export const keysSection: Section = {
  path: '/keys',
  nav: 'nav.keys',
  permission: 'keys.read',
  register: (app, deps) => {
    app.get('/keys', { schema: pageSchema({ summary: 'Console: keys', tag: 'athena' }) }, adminPage(deps, 'keys.read', async (req, reply, admin) =>
      admin.page.send(reply, admin.page.t.t('keys.title'), await keysListBody(deps.ctx, req, admin.page.t, can(admin.role, 'keys.write')))));
    app.get('/keys/:set/rotate', { schema: pageSchema({ summary: 'Console: keys rotate', tag: 'athena' }) }, adminPage(deps, 'keys.write', async (req, reply, admin) => confirmRotation(deps, req, reply, admin)));
    app.post('/keys/:set/rotate', { schema: pageSchema({ summary: 'Console action: keys rotate', tag: 'athena' }) }, adminPage(deps, 'keys.write', async (req, reply, admin) => rotateKeySet(deps, req, reply, admin)));
  },
};

/**
 * Identities: the list with search and bulk actions, New identity, an identity's page, edit traits,
 * disable/enable, delete, revoke all sessions, create a recovery code. Reading needs identities.read;
 * changes identities.write, sessions sessions.write, a recovery code identities.write or recovery.create.
 */
import { confirmIdentityAction, doIdentityAction } from '../pages/identities/actions.ts';
import { confirmBulk, runBulk } from '../pages/identities/bulk.ts';
import { saveIdentityTraits, showEditIdentity } from '../pages/identities/edit.ts';
import { identitiesListBody } from '../pages/identities/list.ts';
import { createIdentityFromForm, showNewIdentity } from '../pages/identities/new.ts';
import { createRecoveryCode } from '../pages/identities/recovery.ts';
import { showIdentity } from '../pages/identities/view.ts';
import { adminPage } from '../session/guard.ts';
import type { Section } from './section.ts';

export const identitiesSection: Section = {
  path: '/identities',
  nav: 'nav.identities',
  permission: 'identities.read',
  register: (app, deps) => {
    app.get('/identities', adminPage(deps, 'identities.read', async (req, reply, admin) =>
      admin.page.send(reply, admin.page.t.t('identities.title'), await identitiesListBody(deps, req, admin))));
    app.get('/identities/new', adminPage(deps, 'identities.write', async (req, reply, admin) => showNewIdentity(deps, req, reply, admin)));
    app.post('/identities/new', adminPage(deps, 'identities.write', async (req, reply, admin) => createIdentityFromForm(deps, req, reply, admin)));
    // Bulk actions check identities.write or sessions.write per action.
    app.get('/identities/bulk', adminPage(deps, 'identities.read', async (req, reply, admin) => confirmBulk(deps, req, reply, admin)));
    app.post('/identities/bulk', adminPage(deps, 'identities.read', async (req, reply, admin) => runBulk(deps, req, reply, admin)));
    app.get('/identities/:id', adminPage(deps, 'identities.read', async (req, reply, admin) => showIdentity(deps, req, reply, admin)));
    app.get('/identities/:id/edit', adminPage(deps, 'identities.write', async (req, reply, admin) => showEditIdentity(deps, req, reply, admin)));
    app.post('/identities/:id/edit', adminPage(deps, 'identities.write', async (req, reply, admin) => saveIdentityTraits(deps, req, reply, admin)));
    app.get('/identities/:id/disable', adminPage(deps, 'identities.write', async (req, reply, admin) => confirmIdentityAction('disable')(deps, req, reply, admin)));
    app.post('/identities/:id/disable', adminPage(deps, 'identities.write', async (req, reply, admin) => doIdentityAction('disable')(deps, req, reply, admin)));
    app.post('/identities/:id/enable', adminPage(deps, 'identities.write', async (req, reply, admin) => doIdentityAction('enable')(deps, req, reply, admin)));
    app.get('/identities/:id/delete', adminPage(deps, 'identities.write', async (req, reply, admin) => confirmIdentityAction('delete')(deps, req, reply, admin)));
    app.post('/identities/:id/delete', adminPage(deps, 'identities.write', async (req, reply, admin) => doIdentityAction('delete')(deps, req, reply, admin)));
    app.get('/identities/:id/sessions/revoke', adminPage(deps, 'sessions.write', async (req, reply, admin) => confirmIdentityAction('revoke_sessions')(deps, req, reply, admin)));
    app.post('/identities/:id/sessions/revoke', adminPage(deps, 'sessions.write', async (req, reply, admin) => doIdentityAction('revoke_sessions')(deps, req, reply, admin)));
    // identities.write or recovery.create, checked inside (adminPage takes one permission).
    app.post('/identities/:id/recovery', adminPage(deps, null, async (req, reply, admin) => createRecoveryCode(deps, req, reply, admin)));
  },
};

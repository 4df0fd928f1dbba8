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
import { pageSchema } from '@olympus/http';

export const identitiesSection: Section = {
  path: '/identities',
  nav: 'nav.identities',
  permission: 'identities.read',
  register: (app, deps) => {
    app.get('/identities', { schema: pageSchema({ summary: 'Console: identities', tag: 'athena' }) }, adminPage(deps, 'identities.read', async (req, reply, admin) =>
      admin.page.send(reply, admin.page.t.t('identities.title'), await identitiesListBody(deps, req, admin))));
    app.get('/identities/new', { schema: pageSchema({ summary: 'Console: identities new', tag: 'athena' }) }, adminPage(deps, 'identities.write', async (req, reply, admin) => showNewIdentity(deps, req, reply, admin)));
    app.post('/identities/new', { schema: pageSchema({ summary: 'Console action: identities new', tag: 'athena' }) }, adminPage(deps, 'identities.write', async (req, reply, admin) => createIdentityFromForm(deps, req, reply, admin)));
    // Bulk actions check identities.write or sessions.write per action.
    app.get('/identities/bulk', { schema: pageSchema({ summary: 'Console: identities bulk', tag: 'athena' }) }, adminPage(deps, 'identities.read', async (req, reply, admin) => confirmBulk(deps, req, reply, admin)));
    app.post('/identities/bulk', { schema: pageSchema({ summary: 'Console action: identities bulk', tag: 'athena' }) }, adminPage(deps, 'identities.read', async (req, reply, admin) => runBulk(deps, req, reply, admin)));
    app.get('/identities/:id', { schema: pageSchema({ summary: 'Console: identities', tag: 'athena' }) }, adminPage(deps, 'identities.read', async (req, reply, admin) => showIdentity(deps, req, reply, admin)));
    app.get('/identities/:id/edit', { schema: pageSchema({ summary: 'Console: identities edit', tag: 'athena' }) }, adminPage(deps, 'identities.write', async (req, reply, admin) => showEditIdentity(deps, req, reply, admin)));
    app.post('/identities/:id/edit', { schema: pageSchema({ summary: 'Console action: identities edit', tag: 'athena' }) }, adminPage(deps, 'identities.write', async (req, reply, admin) => saveIdentityTraits(deps, req, reply, admin)));
    app.get('/identities/:id/disable', { schema: pageSchema({ summary: 'Console: identities disable', tag: 'athena' }) }, adminPage(deps, 'identities.write', async (req, reply, admin) => confirmIdentityAction('disable')(deps, req, reply, admin)));
    app.post('/identities/:id/disable', { schema: pageSchema({ summary: 'Console action: identities disable', tag: 'athena' }) }, adminPage(deps, 'identities.write', async (req, reply, admin) => doIdentityAction('disable')(deps, req, reply, admin)));
    app.post('/identities/:id/enable', { schema: pageSchema({ summary: 'Console action: identities enable', tag: 'athena' }) }, adminPage(deps, 'identities.write', async (req, reply, admin) => doIdentityAction('enable')(deps, req, reply, admin)));
    app.get('/identities/:id/delete', { schema: pageSchema({ summary: 'Console: identities delete', tag: 'athena' }) }, adminPage(deps, 'identities.write', async (req, reply, admin) => confirmIdentityAction('delete')(deps, req, reply, admin)));
    app.post('/identities/:id/delete', { schema: pageSchema({ summary: 'Console action: identities delete', tag: 'athena' }) }, adminPage(deps, 'identities.write', async (req, reply, admin) => doIdentityAction('delete')(deps, req, reply, admin)));
    app.get('/identities/:id/sessions/revoke', { schema: pageSchema({ summary: 'Console: identities sessions revoke', tag: 'athena' }) }, adminPage(deps, 'sessions.write', async (req, reply, admin) => confirmIdentityAction('revoke_sessions')(deps, req, reply, admin)));
    app.post('/identities/:id/sessions/revoke', { schema: pageSchema({ summary: 'Console action: identities sessions revoke', tag: 'athena' }) }, adminPage(deps, 'sessions.write', async (req, reply, admin) => doIdentityAction('revoke_sessions')(deps, req, reply, admin)));
    // identities.write or recovery.create, checked inside (adminPage takes one permission).
    app.post('/identities/:id/recovery', { schema: pageSchema({ summary: 'Console action: identities recovery', tag: 'athena' }) }, adminPage(deps, null, async (req, reply, admin) => createRecoveryCode(deps, req, reply, admin)));
  },
};

/** OAuth2 Clients: list, New Client, the client's page, edit, delete, secret rotation with a grace window. */
import { can } from '@olympus/identity';
import { clientsListBody } from '../pages/clients/list.ts';
import { createClientFromForm, showNewClient } from '../pages/clients/new.ts';
import { confirmDeleteClient, deleteClient } from '../pages/clients/delete.ts';
import { saveEditedClient, showEditClient } from '../pages/clients/edit.ts';
import { retireOldSecrets, rotateClientSecret, showRotateClient } from '../pages/clients/rotate.ts';
import { showClient } from '../pages/clients/view.ts';
import { adminPage } from '../session/guard.ts';
import type { Section } from './section.ts';
import { pageSchema } from '@olympus/http';

export const clientsSection: Section = {
  path: '/clients',
  nav: 'nav.clients',
  permission: 'clients.read',
  register: (app, deps) => {
    app.get('/clients', { schema: pageSchema({ summary: 'Console: clients', tag: 'athena' }) }, adminPage(deps, 'clients.read', async (req, reply, admin) =>
      admin.page.send(reply, admin.page.t.t('clients.title'), await clientsListBody(deps.ctx, req, admin.page.t, can(admin.role, 'clients.write')))));
    app.get('/clients/new', { schema: pageSchema({ summary: 'Console: clients new', tag: 'athena' }) }, adminPage(deps, 'clients.write', async (_req, reply, admin) => showNewClient(reply, admin)));
    app.post('/clients/new', { schema: pageSchema({ summary: 'Console action: clients new', tag: 'athena' }) }, adminPage(deps, 'clients.write', async (req, reply, admin) => createClientFromForm(deps, req, reply, admin)));
    app.get('/clients/:id', { schema: pageSchema({ summary: 'Console: clients', tag: 'athena' }) }, adminPage(deps, 'clients.read', async (req, reply, admin) => showClient(deps, req, reply, admin)));
    app.get('/clients/:id/edit', { schema: pageSchema({ summary: 'Console: clients edit', tag: 'athena' }) }, adminPage(deps, 'clients.write', async (req, reply, admin) => showEditClient(deps, req, reply, admin)));
    app.post('/clients/:id/edit', { schema: pageSchema({ summary: 'Console action: clients edit', tag: 'athena' }) }, adminPage(deps, 'clients.write', async (req, reply, admin) => saveEditedClient(deps, req, reply, admin)));
    app.get('/clients/:id/delete', { schema: pageSchema({ summary: 'Console: clients delete', tag: 'athena' }) }, adminPage(deps, 'clients.write', async (req, reply, admin) => confirmDeleteClient(deps, req, reply, admin)));
    app.post('/clients/:id/delete', { schema: pageSchema({ summary: 'Console action: clients delete', tag: 'athena' }) }, adminPage(deps, 'clients.write', async (req, reply, admin) => deleteClient(deps, req, reply, admin)));
    app.get('/clients/:id/rotate', { schema: pageSchema({ summary: 'Console: clients rotate', tag: 'athena' }) }, adminPage(deps, 'clients.write', async (req, reply, admin) => showRotateClient(deps, req, reply, admin)));
    app.post('/clients/:id/rotate', { schema: pageSchema({ summary: 'Console action: clients rotate', tag: 'athena' }) }, adminPage(deps, 'clients.write', async (req, reply, admin) => rotateClientSecret(deps, req, reply, admin)));
    app.post('/clients/:id/retire', { schema: pageSchema({ summary: 'Console action: clients retire', tag: 'athena' }) }, adminPage(deps, 'clients.write', async (req, reply, admin) => retireOldSecrets(deps, req, reply, admin)));
  },
};

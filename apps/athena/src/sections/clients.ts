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

export const clientsSection: Section = {
  path: '/clients',
  nav: 'nav.clients',
  permission: 'clients.read',
  register: (app, deps) => {
    app.get('/clients', adminPage(deps, 'clients.read', async (req, reply, admin) =>
      admin.page.send(reply, admin.page.t.t('clients.title'), await clientsListBody(deps.ctx, req, admin.page.t, can(admin.role, 'clients.write')))));
    app.get('/clients/new', adminPage(deps, 'clients.write', async (_req, reply, admin) => showNewClient(reply, admin)));
    app.post('/clients/new', adminPage(deps, 'clients.write', async (req, reply, admin) => createClientFromForm(deps, req, reply, admin)));
    app.get('/clients/:id', adminPage(deps, 'clients.read', async (req, reply, admin) => showClient(deps, req, reply, admin)));
    app.get('/clients/:id/edit', adminPage(deps, 'clients.write', async (req, reply, admin) => showEditClient(deps, req, reply, admin)));
    app.post('/clients/:id/edit', adminPage(deps, 'clients.write', async (req, reply, admin) => saveEditedClient(deps, req, reply, admin)));
    app.get('/clients/:id/delete', adminPage(deps, 'clients.write', async (req, reply, admin) => confirmDeleteClient(deps, req, reply, admin)));
    app.post('/clients/:id/delete', adminPage(deps, 'clients.write', async (req, reply, admin) => deleteClient(deps, req, reply, admin)));
    app.get('/clients/:id/rotate', adminPage(deps, 'clients.write', async (req, reply, admin) => showRotateClient(deps, req, reply, admin)));
    app.post('/clients/:id/rotate', adminPage(deps, 'clients.write', async (req, reply, admin) => rotateClientSecret(deps, req, reply, admin)));
    app.post('/clients/:id/retire', adminPage(deps, 'clients.write', async (req, reply, admin) => retireOldSecrets(deps, req, reply, admin)));
  },
};

/** Audit log: every recorded change, newest first, with filters (audit.read). */
import { auditListBody } from '../pages/audit/list.ts';
import { adminPage } from '../session/guard.ts';
import type { Section } from './section.ts';
import { pageSchema } from '@olympus/http';

export const auditSection: Section = {
  path: '/audit',
  nav: 'nav.audit',
  permission: 'audit.read',
  register: (app, deps) => {
    const { audit } = deps;
    if (audit === undefined) return;
    app.get('/audit', { schema: pageSchema({ summary: 'Console: audit', tag: 'athena' }) }, adminPage(deps, 'audit.read', async (req, reply, admin) => {
      const { body, status } = await auditListBody(deps.ctx, audit, req, admin.page.t);
      return admin.page.send(reply, admin.page.t.t('audit.title'), body, status);
    }));
  },
};

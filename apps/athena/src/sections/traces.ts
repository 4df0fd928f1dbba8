/** Traces: the flow tracer's chains (docs/operations/tracing.md), searched by any id they carry, and one chain explained. */
import { html, type HttpDeps, pageSchema } from '@olympus/http';
import type { TraceStore } from '@olympus/trace';
import type { FastifyReply } from 'fastify';
import { sendDocPage } from '../pages/traces/docs.ts';
import { showTraces } from '../pages/traces/list-page.ts';
import { showTrace } from '../pages/traces/trace-page.ts';
import { adminPage, type Admin } from '../session/guard.ts';
import type { Section } from './section.ts';

/** Without a trace store (a server built without one) the section says so instead of failing. */
const withStore = async (deps: HttpDeps, reply: FastifyReply, admin: Admin, then: (store: TraceStore) => Promise<FastifyReply>): Promise<FastifyReply> => {
  if (deps.traceEvents !== undefined) return then(deps.traceEvents);
  const { t } = admin.page;
  return admin.page.send(reply, t.t('traces.title'), html`<h1>${t.t('traces.title')}</h1>\n<p role="status">${t.t('traces.unavailable')}</p>`);
};

export const tracesSection: Section = {
  path: '/traces',
  nav: 'nav.traces',
  permission: 'requests.read',
  register: (app, deps) => {
    app.get('/traces', { schema: pageSchema({ summary: 'Console: traces', tag: 'athena' }) }, adminPage(deps, 'requests.read', async (req, reply, admin) =>
      withStore(deps, reply, admin, (store) => showTraces(deps, store, req, reply, admin))));
    app.get('/traces/:traceId', { schema: pageSchema({ summary: 'Console: traces', tag: 'athena' }) }, adminPage(deps, 'requests.read', async (req, reply, admin) =>
      withStore(deps, reply, admin, (store) => showTrace(deps, store, req, reply, admin))));
    app.get('/traces/troubleshooting/:page', { schema: pageSchema({ summary: 'Console: traces troubleshooting', tag: 'athena' }) }, adminPage(deps, 'requests.read', async (req, reply) => sendDocPage(req, reply)));
  },
};

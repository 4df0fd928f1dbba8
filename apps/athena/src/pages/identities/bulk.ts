/**
 * Bulk actions from the identities list: the selection arrives as `ids.<id>` (one parameter per
 * checkbox: the edge refuses repeated parameters) with `action`; GET shows who is affected and what
 * happens, the POST there (CSRF-checked) applies the action to each through changes.ts, one audit
 * event per identity. The administrator's own identity is left out of disable and delete.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { html, type HttpDeps, type SafeHtml } from '@olympus/http';
import { can, isUuid, type Identity } from '@olympus/identity';
import type { Translator } from '../../i18n/translator.ts';
import type { Admin } from '../../session/guard.ts';
import { activeSessionCount, applyIdentityAction, locksOutSelf, type IdentityAction } from './changes.ts';
import { confirmationBody } from '../confirm.ts';
import { displayName, identityLabel } from './label.ts';
import { identityService } from './lookup.ts';
import { doneUrl } from './notice.ts';

type BulkAction = Exclude<IdentityAction, 'enable'>;
const BULK_ACTIONS: readonly BulkAction[] = ['disable', 'delete', 'revoke_sessions'];
/** One list page's worth, with room to spare. */
const MAX_SELECTED = 100;

interface Selection {
  action: BulkAction;
  /** The selected identities that still exist, the administrator's own left out where it would lock them out. */
  identities: Identity[];
  self?: Identity;
}

const paramsOf = (req: FastifyRequest): Record<string, unknown> =>
  (req.method === 'POST' ? req.body : req.query) as Record<string, unknown> ?? {};

const permitted = (admin: Admin, action: BulkAction): boolean =>
  can(admin.role, action === 'revoke_sessions' ? 'sessions.write' : 'identities.write');

const readSelection = async (deps: HttpDeps, req: FastifyRequest, admin: Admin): Promise<Selection | undefined> => {
  const params = paramsOf(req);
  const action = BULK_ACTIONS.find((a) => a === params.action);
  if (action === undefined) return undefined;
  const ids = Object.keys(params).filter((key) => key.startsWith('ids.') && params[key] === 'on').map((key) => key.slice(4)).filter(isUuid).slice(0, MAX_SELECTED);
  const { identities } = ids.length === 0 ? { identities: [] } : await identityService(deps).list({ pageSize: MAX_SELECTED, ids });
  const self = identities.find((i) => locksOutSelf(admin, i, action));
  return { action, identities: identities.filter((i) => i !== self), self };
};

const affectedTable = async (deps: HttpDeps, t: Translator, s: Selection): Promise<SafeHtml> => {
  const counts = s.action === 'revoke_sessions' ? await Promise.all(s.identities.map((i) => activeSessionCount(deps, i))) : [];
  return html`<table><thead><tr><th scope="col">${t.t('identities.col.identifier')}</th><th scope="col">${t.t('identities.col.name')}</th><th scope="col">${t.t('identities.col.state')}</th>${s.action === 'revoke_sessions' ? html`<th scope="col">${t.t('identities.bulk.col.sessions')}</th>` : html``}</tr></thead>
<tbody>${s.identities.map((i, n) => html`<tr>
<td data-label="${t.t('identities.col.identifier')}"><a href="/identities/${i.id}">${identityLabel(i)}</a></td>
<td data-label="${t.t('identities.col.name')}">${displayName(i)}</td>
<td data-label="${t.t('identities.col.state')}">${t.t(`identity.state.${i.state}`)}</td>
${s.action === 'revoke_sessions' ? html`<td data-label="${t.t('identities.bulk.col.sessions')}">${counts[n]}</td>` : html``}
</tr>`)}</tbody></table>`;
};

const nothingSelected = (reply: FastifyReply, admin: Admin, self: Identity | undefined): FastifyReply => {
  const { t } = admin.page;
  return admin.page.send(reply, t.t('identities.title'), html`<h1>${t.t('identities.title')}</h1>
<div role="alert"><p>${t.t('identities.bulk.none')}</p>${self ? html`<p>${t.t('identities.bulk.self', { label: identityLabel(self) })}</p>` : html``}</div>
<p><a href="/identities">${t.t('identities.back')}</a></p>`, 400);
};

const forbidden = (reply: FastifyReply, admin: Admin, action: BulkAction): FastifyReply => {
  const { t } = admin.page;
  const permission = action === 'revoke_sessions' ? 'sessions.write' : 'identities.write';
  return admin.page.send(reply, t.t('forbidden.title'), html`<h1>${t.t('forbidden.title')}</h1>
<div role="alert"><p>${t.t('forbidden.permission', { role: t.t(`role.${admin.role}`), permission })}</p></div>`, 403);
};

export const confirmBulk = async (deps: HttpDeps, req: FastifyRequest, reply: FastifyReply, admin: Admin): Promise<FastifyReply> => {
  const selection = await readSelection(deps, req, admin);
  if (selection === undefined || selection.identities.length === 0) return nothingSelected(reply, admin, selection?.self);
  const { action, identities, self } = selection;
  if (!permitted(admin, action)) return forbidden(reply, admin, action);
  const { t } = admin.page;
  const count = identities.length;
  const title = t.t(`identities.bulk.title.${action}`, { count });
  return admin.page.send(reply, title, confirmationBody(admin, {
    title,
    warning: t.t(`identities.bulk.warning.${action}`),
    affected: html`${self ? html`<p>${t.t('identities.bulk.self', { label: identityLabel(self) })}</p>` : html``}${await affectedTable(deps, t, selection)}`,
    action: '/identities/bulk',
    confirm: t.t(`identities.bulk.confirm.${action}`),
    cancel: '/identities',
    fields: { action, ...Object.fromEntries(identities.map((i) => [`ids.${i.id}`, 'on'])) },
  }));
};

export const runBulk = async (deps: HttpDeps, req: FastifyRequest, reply: FastifyReply, admin: Admin): Promise<FastifyReply> => {
  const selection = await readSelection(deps, req, admin);
  if (selection === undefined || selection.identities.length === 0) return nothingSelected(reply, admin, selection?.self);
  if (!permitted(admin, selection.action)) return forbidden(reply, admin, selection.action);
  let count = 0;
  for (const identity of selection.identities) count += await applyIdentityAction(deps, req, admin, identity, selection.action);
  return reply.code(303).header('location', doneUrl('/identities', `bulk_${selection.action}`, { count })).send();
};

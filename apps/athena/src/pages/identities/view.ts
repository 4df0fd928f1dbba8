/**
 * An identity's page: what it is (details, traits, metadata), how it proves who it is (verifiable
 * addresses and their state, credential types — never a hash or secret), where it is signed in (its
 * sessions) and what it granted (OAuth2 consent sessions). Write controls appear only for a role
 * that may use them; the administrator is offered no way to disable or delete their own identity.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { html, type HttpDeps, type SafeHtml } from '@olympus/http';
import { can, type Identity } from '@olympus/identity';
import type { Admin } from '../../session/guard.ts';
import { sessionsTable } from '../sessions/table.ts';
import { consentsPart } from './consents.ts';
import { identityLabel } from './label.ts';
import { identityOr404, identityService, peopleOf } from './lookup.ts';
import { doneNotice } from './notice.ts';
import { mayCreateRecoveryCode } from './recovery.ts';
import { traitNodes, traitsSchemaOf } from './trait-fields.ts';
import { addressesTable, credentialsTable, detailsCard, metadataCard, traitsCard } from './view-parts.ts';

/** Sessions shown on the page: more than a person has devices. */
const SESSION_LIMIT = 50;

const DONE = {
  created: 'identity.done.created',
  saved: 'identity.done.saved',
  enabled: 'identity.done.enabled',
  disabled: 'identity.done.disabled',
  sessions_revoked: 'identity.done.sessions_revoked',
  session_revoked: 'identity.done.session_revoked',
} as const;

const postButton = (admin: Admin, action: string, label: string): SafeHtml =>
  html`<form method="post" action="${action}"><input type="hidden" name="csrf_token" value="${admin.session.csrf}"><button type="submit" class="secondary">${label}</button></form>`;

const actionsOf = (admin: Admin, identity: Identity): SafeHtml => {
  const { t } = admin.page;
  const base = `/identities/${identity.id}`;
  const self = identity.id === admin.identity.id;
  const write = can(admin.role, 'identities.write');
  const controls: SafeHtml[] = [];
  if (write) controls.push(html`<a class="button" href="${base}/edit">${t.t('identity.action.edit')}</a>`);
  if (write && identity.state === 'inactive') controls.push(postButton(admin, `${base}/enable`, t.t('identity.action.enable')));
  if (write && identity.state === 'active' && !self) controls.push(html`<a class="button" href="${base}/disable">${t.t('identity.action.disable')}</a>`);
  if (can(admin.role, 'sessions.write')) controls.push(html`<a class="button" href="${base}/sessions/revoke">${t.t('identity.action.revoke_sessions')}</a>`);
  if (mayCreateRecoveryCode(admin) && identity.state === 'active') controls.push(postButton(admin, `${base}/recovery`, t.t('identity.action.recovery')));
  if (write && !self) controls.push(html`<a class="button" href="${base}/delete">${t.t('identity.action.delete')}</a>`);
  if (controls.length === 0) return html``;
  return html`<div class="actions">${controls}</div>${self && write ? html`<p class="hint">${t.t('identity.self')}</p>` : html``}`;
};

const sessionsPart = async (deps: HttpDeps, admin: Admin, identity: Identity): Promise<SafeHtml> => {
  const { t } = admin.page;
  const sessions = await peopleOf(deps).storage.sessions.listSessionsOfIdentity(identity.id, { activeOnly: false, limit: SESSION_LIMIT });
  const table = sessions.length === 0
    ? html`<p>${t.t('identity.sessions.none')}</p>`
    : sessionsTable({ t, now: deps.ctx.now(), withIdentity: false, canRevoke: can(admin.role, 'sessions.write'), back: 'identity' }, sessions.map((session) => ({ session, identity })));
  return html`<h2 id="sessions">${t.t('identity.sessions')}</h2>${table}`;
};

export const showIdentity = (deps: HttpDeps, req: FastifyRequest, reply: FastifyReply, admin: Admin) =>
  identityOr404(deps, req, reply, admin, async (identity) => {
    const { t } = admin.page;
    const title = t.t('identity.title', { label: identityLabel(identity) });
    const schema = identityService(deps).schemas.get(identity.schema_id);
    const nodes = schema ? traitNodes(traitsSchemaOf(schema.schema)) : [];
    return admin.page.send(reply, title, html`<h1>${title}</h1>
${doneNotice(t, req, DONE)}
${actionsOf(admin, identity)}
${detailsCard(t, identity)}
${traitsCard(t, identity, nodes)}
${metadataCard(t, identity)}
${addressesTable(t, identity)}
${credentialsTable(t, identity)}
${await sessionsPart(deps, admin, identity)}
${await consentsPart(deps, req, t, identity.id, can(admin.role, 'clients.read'))}`);
  });

/**
 * One identity's state changes from its page: disable, delete and revoke all sessions behind a
 * confirmation page naming it (and how many sessions end); enable at once, since it only gives back
 * what disabling took. Disabling or deleting one's own identity is refused.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { html, type HttpDeps } from '@olympus/http';
import type { Identity } from '@olympus/identity';
import type { Admin } from '../../session/guard.ts';
import { activeSessionCount, applyIdentityAction, locksOutSelf, type IdentityAction } from './changes.ts';
import { confirmationBody } from '../confirm.ts';
import { identityLabel } from './label.ts';
import { identityOr404 } from './lookup.ts';
import { doneUrl } from './notice.ts';

type Confirmable = Exclude<IdentityAction, 'enable'>;

const PATHS: Record<Confirmable, string> = { disable: 'disable', delete: 'delete', revoke_sessions: 'sessions/revoke' };
const TEXTS = {
  disable: { title: 'identity.disable.title', warning: 'identity.disable.warning', confirm: 'identity.disable.confirm' },
  delete: { title: 'identity.delete.title', warning: 'identity.delete.warning', confirm: 'identity.delete.confirm' },
  revoke_sessions: { title: 'identity.revoke.title', warning: 'identity.revoke.warning', confirm: 'identity.revoke.confirm' },
} as const;

const refusedForSelf = (reply: FastifyReply, admin: Admin): FastifyReply => {
  const { t } = admin.page;
  return admin.page.send(reply, t.t('forbidden.title'), html`<h1>${t.t('forbidden.title')}</h1><div role="alert"><p>${t.t('identity.self_refused')}</p></div>`, 403);
};

export const confirmIdentityAction = (action: Confirmable) => (deps: HttpDeps, req: FastifyRequest, reply: FastifyReply, admin: Admin) =>
  identityOr404(deps, req, reply, admin, async (identity) => {
    if (locksOutSelf(admin, identity, action)) return refusedForSelf(reply, admin);
    const { t } = admin.page;
    const vars = { label: identityLabel(identity), id: identity.id, count: action === 'delete' ? 0 : await activeSessionCount(deps, identity) };
    const texts = TEXTS[action];
    return admin.page.send(reply, t.t(texts.title, vars), confirmationBody(admin, {
      title: t.t(texts.title, vars),
      warning: t.t(texts.warning, vars),
      action: `/identities/${identity.id}/${PATHS[action]}`,
      confirm: t.t(texts.confirm),
      cancel: `/identities/${identity.id}`,
    }));
  });

const afterwards = (identity: Identity, action: IdentityAction, count: number): string => {
  switch (action) {
    case 'delete':
      return doneUrl('/identities', 'deleted', { label: identityLabel(identity) });
    case 'revoke_sessions':
      return doneUrl(`/identities/${identity.id}`, 'sessions_revoked', { count });
    default:
      return doneUrl(`/identities/${identity.id}`, action === 'enable' ? 'enabled' : 'disabled');
  }
};

export const doIdentityAction = (action: IdentityAction) => (deps: HttpDeps, req: FastifyRequest, reply: FastifyReply, admin: Admin) =>
  identityOr404(deps, req, reply, admin, async (identity) => {
    if (locksOutSelf(admin, identity, action)) return refusedForSelf(reply, admin);
    const count = await applyIdentityAction(deps, req, admin, identity, action);
    return reply.code(303).header('location', afterwards(identity, action, count)).send();
  });

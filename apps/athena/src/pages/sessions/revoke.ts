/**
 * Revoking one session: a confirmation page naming whose session on which device, then the same
 * revokeSessionAsAdmin as DELETE /admin/sessions/{id}, recorded as session.revoke with its state
 * before and after. `back=identity` returns to the identity's page instead of the Sessions list.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { html, type HttpDeps } from '@olympus/http';
import { findIdentity, getSessionOrThrow, FlowNotFound, revokeSessionAsAdmin, type Identity, type Session } from '@olympus/identity';
import { recordConsoleChange } from '../../audit.ts';
import type { Admin } from '../../session/guard.ts';
import { confirmationBody } from '../confirm.ts';
import { queryParam } from '../lists.ts';
import { instant } from '../audit/when.ts';
import { identityLabel } from '../identities/label.ts';
import { notFoundPage, peopleOf } from '../identities/lookup.ts';
import { doneUrl } from '../identities/notice.ts';
import { devicesOf } from './table.ts';

type Then = (session: Session, identity: Identity | undefined) => Promise<FastifyReply>;

const sessionOr404 = async (deps: HttpDeps, req: FastifyRequest, reply: FastifyReply, admin: Admin, then: Then): Promise<FastifyReply> => {
  const id = (req.params as { id: string }).id;
  let session: Session;
  try {
    session = await getSessionOrThrow(peopleOf(deps), id);
  } catch (err) {
    if (err instanceof FlowNotFound) return notFoundPage(reply, admin, admin.page.t.t('sessions.not_found', { id }));
    throw err;
  }
  return then(session, await findIdentity(peopleOf(deps), session.identity_id));
};

const backTo = (value: string, session: Session): string =>
  value === 'identity' ? doneUrl(`/identities/${session.identity_id}`, 'session_revoked') : doneUrl('/sessions', 'revoked');

export const confirmRevokeSession = (deps: HttpDeps, req: FastifyRequest, reply: FastifyReply, admin: Admin) =>
  sessionOr404(deps, req, reply, admin, async (session, identity) => {
    const { t } = admin.page;
    const label = identity ? identityLabel(identity) : t.t('sessions.identity.gone');
    const back = queryParam(req, 'back') === 'identity' ? 'identity' : 'sessions';
    const cancel = back === 'identity' ? `/identities/${session.identity_id}` : '/sessions';
    return admin.page.send(reply, t.t('sessions.revoke.title', { label }), confirmationBody(admin, {
      title: t.t('sessions.revoke.title', { label }), warning: t.t('sessions.revoke.warning', { label }),
      affected: html`<div class="card"><dl class="details">
<dt>${t.t('sessions.col.identity')}</dt><dd>${label}</dd>
<dt>${t.t('sessions.col.aal')}</dt><dd>${t.t(`sessions.aal.${session.authenticator_assurance_level}`)}</dd>
<dt>${t.t('sessions.col.devices')}</dt><dd>${devicesOf(t, session)}</dd>
<dt>${t.t('sessions.col.signed_in')}</dt><dd>${instant(t, session.authenticated_at)}</dd>
</dl></div>`,
      action: `/sessions/${session.id}/revoke`, confirm: t.t('sessions.revoke.confirm'), cancel, fields: { back },
    }));
  });

export const revokeSession = (deps: HttpDeps, req: FastifyRequest, reply: FastifyReply, admin: Admin) =>
  sessionOr404(deps, req, reply, admin, async (session) => {
    const before = await revokeSessionAsAdmin(peopleOf(deps), session.id);
    await recordConsoleChange(deps, req, admin, {
      action: 'session.revoke',
      target: { type: 'session', id: session.id, label: session.identity_id },
      before,
      after: await getSessionOrThrow(peopleOf(deps), session.id),
    });
    const back = (req.body as Record<string, unknown> | undefined)?.back;
    return reply.code(303).header('location', backTo(typeof back === 'string' ? back : '', session)).send();
  });

/**
 * The admin's revocations (IdentityApi: DELETE /admin/sessions/{id}, DELETE /admin/identities/{id}/sessions),
 * shared by the JSON admin API and Athena so both end sessions the same way (docs/security.md ID-11).
 */
import type { IdentityContext } from '../context.ts';
import { FlowNotFound } from '../errors.ts';
import { findIdentity } from '../identities/find.ts';
import { getSessionOrThrow } from './manage.ts';
import type { Session } from './session.ts';

/** Ends one session, 404 when unknown; answers the session as it was before. Ending an ended one is a success. */
export const revokeSessionAsAdmin = async (ctx: IdentityContext, id: string): Promise<Session> => {
  const session = await getSessionOrThrow(ctx, id);
  await ctx.storage.sessions.revokeSession(id, ctx.now());
  ctx.log.info({ session_id: id }, 'session revoked by the admin');
  return session;
};

/** Ends every active session of the identity, 404 when there is no such identity; answers how many. */
export const revokeIdentitySessionsAsAdmin = async (ctx: IdentityContext, identityId: string): Promise<number> => {
  if ((await findIdentity(ctx, identityId)) === undefined) {
    throw new FlowNotFound('Unable to locate the resource.', { reason: `No identity with id "${identityId}" exists.` });
  }
  const count = await ctx.storage.sessions.revokeSessionsOfIdentity(identityId, undefined, ctx.now());
  ctx.log.info({ identity_id: identityId, count }, 'sessions of an identity revoked by the admin');
  return count;
};

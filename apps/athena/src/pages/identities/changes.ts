/**
 * The identity changes the console makes, one function each, through the same core as the admin API
 * (IdentityService.patch and .delete, revokeIdentitySessionsAsAdmin), each recorded in the audit log.
 * The identity page and the bulk actions both call these. None touches the administrator's own
 * identity where that would lock them out (disable, delete).
 */
import type { FastifyRequest } from 'fastify';
import type { HttpDeps } from '@olympus/http';
import { revokeIdentitySessionsAsAdmin, type Identity } from '@olympus/identity';
import type { Admin } from '../../session/guard.ts';
import { identityService, peopleOf } from './lookup.ts';
import { recordIdentityChange, recordSessionsRevoked } from './record.ts';

export type IdentityAction = 'disable' | 'enable' | 'delete' | 'revoke_sessions';

/** Whether the administrator may do `action` to `identity` from the console at all. */
export const locksOutSelf = (admin: Admin, identity: Identity, action: IdentityAction): boolean =>
  identity.id === admin.identity.id && (action === 'disable' || action === 'delete');

const setState = async (deps: HttpDeps, req: FastifyRequest, admin: Admin, before: Identity, state: Identity['state']): Promise<boolean> => {
  if (before.state === state) return false;
  const after = await identityService(deps).patch(before.id, [{ op: 'replace', path: '/state', value: state }]);
  await recordIdentityChange(deps, req, admin, { action: state === 'active' ? 'identity.enable' : 'identity.disable', before, after });
  return true;
};

/** Does `action` to `identity`; answers how many things changed (identities, or sessions for revoke_sessions). */
export const applyIdentityAction = async (deps: HttpDeps, req: FastifyRequest, admin: Admin, identity: Identity, action: IdentityAction): Promise<number> => {
  if (locksOutSelf(admin, identity, action)) return 0;
  switch (action) {
    case 'disable':
      return (await setState(deps, req, admin, identity, 'inactive')) ? 1 : 0;
    case 'enable':
      return (await setState(deps, req, admin, identity, 'active')) ? 1 : 0;
    case 'delete':
      await identityService(deps).delete(identity.id);
      await recordIdentityChange(deps, req, admin, { action: 'identity.delete', before: identity });
      return 1;
    case 'revoke_sessions': {
      const count = await revokeIdentitySessionsAsAdmin(peopleOf(deps), identity.id);
      await recordSessionsRevoked(deps, req, admin, identity, count);
      return count;
    }
  }
};

/** How many sessions of the identity are active now, for the confirmation pages. */
export const activeSessionCount = async (deps: HttpDeps, identity: Identity): Promise<number> => {
  const now = deps.ctx.now();
  const sessions = await peopleOf(deps).storage.sessions.listSessionsOfIdentity(identity.id, { activeOnly: true, limit: 1000 });
  return sessions.filter((s) => Date.parse(s.expires_at) > now).length;
};

import { randomUUID } from 'node:crypto';
import { randomToken } from '@olympus/crypto';
import type { IdentityContext } from '../context.ts';
import type { Identity } from '../identities/identity.ts';
import type { SelfServiceFlow } from '../flows/flow.ts';
import type { LoginSuccess } from '../protection/success.ts';
import type { AuthenticationMethod, Session } from './session.ts';
import { aalOf } from './aal.ts';
import { sessionTokenHash } from './token.ts';

export interface DeviceInfo {
  ipAddress: string;
  userAgent: string;
}

export interface IssuedSession {
  session: Session;
  /** The bearer value: the session cookie's value or the native app's session_token. Shown once. */
  token: string;
}

/**
 * A new session with a new id and a new token, at every login, registration, re-authentication and
 * step-up (docs/security.md ID-8: a session id planted before authentication is never promoted).
 * `completes`: the flow as the login that issues the session leaves it, stored with the session's
 * insert, and with it the settlement of the login attempt when `success` carries one (one round
 * trip on PostgreSQL; docs/decisions/0002-hot-path-performance.md).
 */
export const issueSession = async (
  ctx: IdentityContext,
  identity: Identity,
  methods: AuthenticationMethod[],
  device: DeviceInfo,
  completes?: SelfServiceFlow,
  success?: LoginSuccess,
): Promise<IssuedSession> => {
  const now = ctx.now();
  const session: Session = {
    id: randomUUID(),
    active: true,
    expires_at: new Date(now + ctx.config.session.lifespan).toISOString(),
    authenticated_at: new Date(now).toISOString(),
    issued_at: new Date(now).toISOString(),
    authenticator_assurance_level: aalOf(methods),
    authentication_methods: methods,
    identity_id: identity.id,
    devices: [{ id: randomUUID(), ip_address: device.ipAddress, user_agent: device.userAgent.slice(0, 512), location: '' }],
  };
  const token = randomToken();
  const tokenHash = sessionTokenHash(ctx, token);
  if (completes === undefined) await ctx.storage.sessions.createSession(session, tokenHash);
  else {
    await ctx.storage.sessions.createSessionCompletingFlow(session, tokenHash, completes, success?.succeeded);
    success?.written();
  }
  ctx.log.info({ session_id: session.id, identity_id: identity.id, aal: session.authenticator_assurance_level }, 'identity session issued');
  return { session, token };
};

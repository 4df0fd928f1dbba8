import { randomUUID } from 'node:crypto';
import { randomToken } from '@olympus/crypto';
import type { IdentityContext } from '../context.ts';
import type { Identity } from '../identities/identity.ts';
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
 */
export const issueSession = async (
  ctx: IdentityContext,
  identity: Identity,
  methods: AuthenticationMethod[],
  device: DeviceInfo,
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
  await ctx.storage.sessions.createSession(session, sessionTokenHash(ctx, token));
  ctx.log.info({ session_id: session.id, identity_id: identity.id, aal: session.authenticator_assurance_level }, 'identity session issued');
  return { session, token };
};

import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { KEY_SETS, type OAuth2Context } from '../context.ts';
import type { ConsentSessionCursor } from '../ports.ts';
import type { AuthenticationSession } from '../tokens/records.ts';

export interface BackchannelNotice {
  clientId: string;
  uri: string;
  logoutToken: string;
}

const EVENT = 'http://schemas.openid.net/event/backchannel-logout';

const PAGE = 500;

/** Every client holding a granted consent from this login session, read page by page. */
const clientsOfSession = async (ctx: OAuth2Context, session: AuthenticationSession): Promise<string[]> => {
  const clientIds = new Set<string>();
  let before: ConsentSessionCursor | undefined;
  for (;;) {
    const flows = await ctx.storage.flows.listConsentSessions(session.subject, { loginSessionId: session.id, limit: PAGE, before });
    for (const flow of flows) clientIds.add(flow.clientId);
    const last = flows[flows.length - 1];
    if (flows.length < PAGE || !last?.consent) return [...clientIds];
    before = { handledAt: last.consent.handledAt, id: last.id };
  }
};

/**
 * Logout tokens for every client that got tokens within the ended session and registered a
 * back-channel URI (OpenID Back-Channel Logout 1.0 §2.4: iss, aud, iat, exp, jti, events, sid/sub;
 * `typ: logout+jwt`, never a nonce). Delivery is the HTTP layer's job.
 */
export const backchannelNotices = async (ctx: OAuth2Context, session: AuthenticationSession): Promise<BackchannelNotice[]> => {
  const clientIds = await clientsOfSession(ctx, session);
  if (clientIds.length === 0) return [];
  const key = await ctx.keys.signingKey(KEY_SETS.idToken);
  const notices: BackchannelNotice[] = [];
  for (const clientId of clientIds) {
    const client = (await ctx.clients.get(clientId))?.client;
    if (!client?.backchannel_logout_uri) continue;
    const now = Math.floor(ctx.now() / 1000);
    const logoutToken = await new SignJWT({ sid: session.id, events: { [EVENT]: {} } })
      .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'logout+jwt' })
      .setIssuer(ctx.config.urls.issuer)
      .setSubject(session.subject)
      .setAudience(clientId)
      .setIssuedAt(now)
      .setExpirationTime(now + 120)
      .setJti(randomUUID())
      .sign(key.key);
    notices.push({ clientId, uri: client.backchannel_logout_uri, logoutToken });
  }
  return notices;
};

/** Ends an authentication session, saying whether it was live until now, with the back-channel notices for its clients. */
export const endAuthSessionCounted = async (ctx: OAuth2Context, sid: string): Promise<{ ended: boolean; notices: BackchannelNotice[] }> => {
  const now = ctx.now();
  const session = await ctx.storage.authSessions.revokeAuthenticationSession(sid, now);
  // The store keeps an earlier revocation time: a session ended before was announced then, not again.
  if (!session || session.revokedAt !== now) return { ended: false, notices: [] };
  ctx.log.info({ sid, subject: session.subject }, 'authentication session ended');
  return { ended: true, notices: await backchannelNotices(ctx, session) };
};

/** Ends an authentication session and prepares the back-channel notices for its clients. */
export const endAuthSession = async (ctx: OAuth2Context, sid: string): Promise<BackchannelNotice[]> =>
  (await endAuthSessionCounted(ctx, sid)).notices;

import type { FastifyBaseLogger } from 'fastify';
import type { BackchannelNotice } from '@olympus/oauth2';

/**
 * Delivers logout tokens (OpenID Back-Channel Logout §2.5): POST form `logout_token`, in the
 * background with a short timeout, so a slow client never holds up the user's logout.
 */
export const deliverBackchannel = (notices: readonly BackchannelNotice[], log: FastifyBaseLogger): Promise<void[]> =>
  Promise.all(notices.map(async (n) => {
    try {
      const res = await fetch(n.uri, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ logout_token: n.logoutToken }),
        signal: AbortSignal.timeout(5000),
        redirect: 'manual',
      });
      log.info({ client_id: n.clientId, status: res.status }, 'back-channel logout delivered');
    } catch (err) {
      log.warn({ client_id: n.clientId, err: String(err) }, 'back-channel logout failed');
    }
  }));

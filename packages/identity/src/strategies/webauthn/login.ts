/**
 * A security key as the second factor (method `webauthn`, login with aal=aal2), like TOTP: only the
 * session identity's own registered keys are allowed (allowCredentials), and success completes aal2.
 */
import { FlowValidationError, type LoginStrategy } from '../strategy.ts';
import { messages } from '../../ui/messages.ts';
import { flowChallenge } from './challenge.ts';
import { verifiedIdentity } from './assertion.ts';
import { loginNodes } from './nodes.ts';
import { methodEnabled, relyingParty } from './relying-party.ts';
import { storedCredentials } from './stored.ts';

export const webauthnLogin = {
  method: 'webauthn',

  loginNodes: (flow, aal, identity, config) => {
    if (aal !== 'aal2' || !methodEnabled(config, 'webauthn')) return [];
    const keys = identity === undefined ? [] : storedCredentials(identity, 'webauthn');
    if (identity !== undefined && keys.length === 0) return [];
    const rp = relyingParty(config, 'webauthn');
    const allowCredentials = keys.map((c) => ({ id: c.id, type: 'public-key', transports: c.transports }));
    return loginNodes(config, 'webauthn', { challenge: flowChallenge(flow, 'webauthn'), rpId: rp.id, timeout: 300_000, userVerification: 'preferred', allowCredentials });
  },

  async login(ctx, flow, body, identity?) {
    if (!methodEnabled(ctx.config, 'webauthn') || identity === undefined) throw new FlowValidationError([messages.noLoginMethod()]);
    const updated = await verifiedIdentity(ctx, flow, 'webauthn', body, identity);
    ctx.log.info({ flow_id: flow.id, identity_id: identity.id }, 'security key second factor accepted');
    return { identity: updated, method: 'webauthn', aal: 'aal2' };
  },
} satisfies LoginStrategy;

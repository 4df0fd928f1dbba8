/**
 * Signing in with a passkey (method `passkey`, login at aal1): no identifier and no password — the
 * authenticator offers its discoverable credentials for this relying party (W3C WebAuthn Level 3
 * §5.1.4, an empty allowCredentials) and names the user. A passkey verifies the user on the device,
 * so it is one factor at aal1, as Kratos counts it.
 */
import { FlowValidationError, type LoginStrategy } from '../strategy.ts';
import { messages } from '../../ui/messages.ts';
import { flowChallenge } from '../webauthn/challenge.ts';
import { verifiedIdentity } from '../webauthn/assertion.ts';
import { loginNodes } from '../webauthn/nodes.ts';
import { methodEnabled, relyingParty } from '../webauthn/relying-party.ts';

export const passkeyLogin = {
  method: 'passkey',

  loginNodes: (flow, aal, _identity, config) => {
    if (aal !== 'aal1' || !methodEnabled(config, 'passkey')) return [];
    const rp = relyingParty(config, 'passkey');
    return loginNodes(config, 'passkey', { challenge: flowChallenge(flow, 'passkey'), rpId: rp.id, timeout: 300_000, userVerification: 'required', allowCredentials: [] });
  },

  async login(ctx, flow, body, identity?) {
    if (!methodEnabled(ctx.config, 'passkey')) throw new FlowValidationError([messages.noLoginMethod()]);
    const signedIn = await verifiedIdentity(ctx, flow, 'passkey', body, identity);
    ctx.log.info({ flow_id: flow.id, identity_id: signedIn.id }, 'passkey login accepted');
    return { identity: signedIn, method: 'passkey', aal: 'aal1' };
  },
} satisfies LoginStrategy;

/**
 * Signing up with a passkey instead of a password (method `passkey`, Kratos' passkey registration):
 * the traits are submitted first and answered with the creation options of a discoverable
 * credential (`passkey_create_data`); the browser's answer (`passkey_register`, with the traits
 * again) registers the identity with the passkey as its only credential. The challenge is bound to
 * the flow (webauthn/challenge.ts) and used once; the user handle is the new identity's id, so the
 * passkey signs in like one added in settings.
 */
import type { RegistrationResponseJSON } from '@simplewebauthn/server';
import type { Identity } from '../../identities/identity.ts';
import { inputNode, submitNode } from '../../ui/nodes.ts';
import { webauthnScriptNode } from '../../ui/webauthn-script.ts';
import type { UiNode } from '../../ui/node.ts';
import { FlowValidationError, type RegistrationStrategy } from '../strategy.ts';
import { creationOptions, parseResponse, verifyRegistration } from '../webauthn/ceremony.ts';
import { claimChallenge, flowChallenge } from '../webauthn/challenge.ts';
import { webauthnMessages as m } from '../webauthn/messages.ts';
import { methodEnabled, relyingParty } from '../webauthn/relying-party.ts';
import { userHandleOf, withCredentials } from '../webauthn/stored.ts';
import { PasskeyCreationPending, PENDING_IDENTITY_KEY } from './pending.ts';

const ANSWER = 'passkey_register';

/** What authenticators show for the new account: its first address, else its id. */
const userNameOf = (identity: Identity): string =>
  identity.verifiable_addresses?.[0]?.value ?? identity.recovery_addresses?.[0]?.value ?? identity.id;

/** The second step: the script (Kratos' `webauthn_script`), the creation options, the answer's input and the button. */
const creationNodes = (publicUrl: string, options: unknown): UiNode[] => [
  webauthnScriptNode(publicUrl),
  inputNode('passkey', 'passkey_create_data', 'hidden', { value: JSON.stringify({ publicKey: options }) }),
  inputNode('passkey', ANSWER, 'hidden', { value: '' }),
  inputNode('passkey', 'passkey_register_trigger', 'button', { value: '', label: m.signUpWithPasskey(), onclickTrigger: 'oryPasskeyRegistration' }),
];

export const passkeyRegistration = {
  method: 'passkey',

  registrationNodes: (_flow, config) => (methodEnabled(config, 'passkey') ? [submitNode('passkey', 'passkey', m.signUpWithPasskey())] : []),

  async register(ctx, flow, body, identity) {
    if (!methodEnabled(ctx.config, 'passkey')) throw new FlowValidationError([m.needsScript()]);
    const rp = relyingParty(ctx.config, 'passkey');
    const challenge = flowChallenge(flow, 'passkey');
    const raw = body[ANSWER];
    const pendingId = flow.internal[PENDING_IDENTITY_KEY];
    if (raw === undefined || raw === '' || typeof pendingId !== 'string') {
      const name = userNameOf(identity);
      const options = await creationOptions(rp, challenge, { handle: userHandleOf(identity), name, displayName: name }, [], true);
      throw new PasskeyCreationPending(creationNodes(ctx.config.serve.public.url, options), identity.id);
    }
    const response = parseResponse<RegistrationResponseJSON>(raw);
    if (response === undefined) throw new FlowValidationError([m.needsScript()]);
    const info = await verifyRegistration(rp, response, challenge, true);
    if (!(await claimChallenge(ctx, flow, challenge))) throw new FlowValidationError([m.challengeUsed()]);
    const now = ctx.now();
    const passkey = {
      id: info.credential.id, public_key: Buffer.from(info.credential.publicKey).toString('base64url'), sign_count: info.credential.counter,
      transports: info.credential.transports ?? [], display_name: 'Passkey', aaguid: info.aaguid, added_at: new Date(now).toISOString(),
    };
    // The identity takes the id the passkey's user handle names (§7.2 step 6 checks it at sign-in).
    Object.assign(identity, withCredentials({ ...identity, id: pendingId }, 'passkey', [passkey], now));
    ctx.log.info({ flow_id: flow.id, identity_id: pendingId }, 'passkey registration accepted');
  },
} satisfies RegistrationStrategy;

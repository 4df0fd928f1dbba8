/**
 * Checks a login answer (W3C WebAuthn Level 3 §7.2) of either method: the credential must be one
 * this identity registered (for a passkey the authenticator names it and its user handle), the
 * signature must verify for this flow's challenge and relying party, the signature counter must
 * increase (ceremony.ts), and the challenge counts as used; the new counter is stored.
 */
import type { IdentityContext } from '../../context.ts';
import { IdentityDisabled, InternalError, SecurityIdentityMismatch } from '../../errors.ts';
import type { SelfServiceFlow } from '../../flows/flow.ts';
import type { Identity } from '../../identities/identity.ts';
import { messages } from '../../ui/messages.ts';
import { FlowValidationError } from '../strategy.ts';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import { parseResponse, verifyAssertion } from './ceremony.ts';
import { claimChallenge, flowChallenge } from './challenge.ts';
import { webauthnMessages } from './messages.ts';
import { NODE_NAMES } from './nodes.ts';
import { relyingParty, type WebAuthnMethod } from './relying-party.ts';
import { storedCredentials, userHandleOf, withCredentials } from './stored.ts';

const unknown = (ctx: IdentityContext, flow: SelfServiceFlow, reason: string): FlowValidationError => {
  ctx.log.info({ flow_id: flow.id, reason }, 'WebAuthn login refused');
  return new FlowValidationError([webauthnMessages.unknownCredential()]);
};

/**
 * The identity whose credential signed `body`'s answer, with the new counter stored. `expected`:
 * the identity that must have signed (a step-up's or re-authentication's session).
 */
export const verifiedIdentity = async (
  ctx: IdentityContext, flow: SelfServiceFlow, method: WebAuthnMethod, body: Record<string, unknown>, expected: Identity | undefined,
): Promise<Identity> => {
  const field = NODE_NAMES[method].login;
  const response = parseResponse<AuthenticationResponseJSON>(body[field]);
  if (response === undefined) throw new FlowValidationError([], { [field]: [messages.required(field)] });
  const identity = expected ?? (await ctx.storage.identities.findByCredentialIdentifier(method, response.id));
  const stored = identity === undefined ? undefined : storedCredentials(identity, method).find((c) => c.id === response.id);
  if (identity === undefined || stored === undefined) throw unknown(ctx, flow, 'unknown_credential');
  // §7.2 step 6: a discoverable credential names its user; it must be the identity that registered it.
  const handle = response.response.userHandle;
  if (handle !== undefined && handle !== '' && handle !== userHandleOf(identity)) throw unknown(ctx, flow, 'user_handle_mismatch');
  const challenge = flowChallenge(flow, method);
  let counter: number;
  try {
    counter = await verifyAssertion(relyingParty(ctx.config, method), response, challenge, stored, method === 'passkey');
  } catch (err) {
    ctx.log.info({ flow_id: flow.id, identity_id: identity.id, reason: err instanceof Error ? err.message : String(err) }, 'WebAuthn login refused');
    throw err;
  }
  if (!(await claimChallenge(ctx, flow, challenge))) throw new FlowValidationError([webauthnMessages.challengeUsed()]);
  if (identity.state !== 'active') throw new IdentityDisabled(messages.identityDisabled().text, { reason: 'The identity state is inactive.' });
  const owner = expected?.id ?? flow.identityId;
  if (owner && owner !== identity.id) throw new SecurityIdentityMismatch('The passkey belongs to another identity than the session being re-authenticated.');
  const list = storedCredentials(identity, method).map((c) => (c.id === stored.id ? { ...c, sign_count: counter } : c));
  const updated = withCredentials(identity, method, list, ctx.now());
  const write = await ctx.storage.identities.updateIdentity(updated);
  if (write.status !== 'ok') throw new InternalError('The signature counter could not be recorded.', { reason: `identity update: ${write.status}` });
  return updated;
};

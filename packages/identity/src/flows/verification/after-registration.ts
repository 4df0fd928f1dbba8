/**
 * After a registration, each new address gets a verification code at once, in a verification flow of
 * its own that the answer points to (`continue_with: show_verification_ui`, docs/compatibility.md §2.3), so the
 * UI can ask for the code without asking for the address again.
 */
import type { IdentityContext } from '../../context.ts';
import { codeForm } from '../../codes/form.ts';
import { codeLifespan, issueCode } from '../../codes/issue.ts';
import { flowUiUrlOf } from '../../codes/wire.ts';
import { enqueueEmail } from '../../courier/enqueue.ts';
import type { Identity } from '../../identities/identity.ts';
import type { ContinueWith } from '../continue-with.ts';
import type { SelfServiceFlow } from '../flow.ts';
import { newFlow } from '../new-flow.ts';
import { verificationSpec } from './spec.ts';

const sendOne = async (ctx: IdentityContext, registration: SelfServiceFlow, identity: Identity, address: string, csrfSecret: string | undefined): Promise<ContinueWith> => {
  const requestUrl = new URL(`/self-service/verification/${registration.type}`, ctx.config.serve.public.url).toString();
  const flow = newFlow(ctx, 'verification', { type: registration.type, requestUrl, returnTo: registration.returnTo, csrfSecret });
  flow.state = 'sent_email';
  flow.active = 'code';
  flow.internal.address = address;
  flow.ui = codeForm(flow, address, verificationSpec.form);
  await ctx.storage.flows.createFlow(flow);
  const { value } = await issueCode(ctx, { flowId: flow.id, kind: 'verification', identityId: identity.id, address });
  await enqueueEmail(ctx, {
    recipient: address, templateType: 'verification_code_valid',
    context: { code: value, expiresInMinutes: Math.round(codeLifespan(ctx) / 60_000), traits: identity.traits },
  });
  const url = flowUiUrlOf(ctx, 'verification', flow.id);
  return { action: 'show_verification_ui', flow: { id: flow.id, verifiable_address: address, url } };
};

export interface VerificationSent {
  /** The identity with the addresses marked `sent`, as stored. */
  identity: Identity;
  continueWith: ContinueWith[];
}

/** Sends the codes and marks the addresses `sent`. Nothing happens when verification is disabled. */
export const sendVerificationAfterRegistration = async (
  ctx: IdentityContext,
  registration: SelfServiceFlow,
  identity: Identity,
  csrfSecret: string | undefined,
): Promise<VerificationSent> => {
  const pending = identity.verifiable_addresses.filter((a) => !a.verified && a.via === 'email');
  if (!ctx.config.selfservice.flows.verification.enabled || pending.length === 0) return { identity, continueWith: [] };
  const continueWith: ContinueWith[] = [];
  for (const address of pending) continueWith.push(await sendOne(ctx, registration, identity, address.value, csrfSecret));
  const at = new Date(ctx.now()).toISOString();
  const sent = new Set(pending.map((a) => a.id));
  const updated: Identity = {
    ...identity,
    verifiable_addresses: identity.verifiable_addresses.map((a) => (sent.has(a.id) ? { ...a, status: 'sent', updated_at: at } : a)),
  };
  const written = await ctx.storage.identities.updateIdentity(updated);
  ctx.log.info({ flow_id: registration.id, identity_id: identity.id, addresses: pending.length }, 'verification codes sent after registration');
  return { identity: written.status === 'ok' ? updated : identity, continueWith };
};

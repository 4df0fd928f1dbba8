/**
 * TOTP as a second factor (method `totp`, login with aal=aal2): the code of the session identity's
 * authenticator app, each time step usable once (replay.ts). Success completes aal2.
 */
import type { IdentityContext } from '../../context.ts';
import { stringField } from '../../flows/body.ts';
import type { Identity } from '../../identities/identity.ts';
import { InternalError } from '../../errors.ts';
import { messages } from '../../ui/messages.ts';
import { FlowValidationError, type LoginStrategy } from '../strategy.ts';
import { totpLoginNodes } from './nodes.ts';
import { claimStep, lastUsedStep } from './replay.ts';
import { matchingStep, openTotp } from './secret.ts';

const wrongCode = (): FlowValidationError => new FlowValidationError([messages.totpInvalid()]);

/** Checks the code against the stored secret and records its step; returns the identity as stored. */
const useStoredCode = async (ctx: IdentityContext, identity: Identity, code: string): Promise<Identity> => {
  const credential = identity.credentials.totp;
  if (!credential) throw new FlowValidationError([messages.noTotpDevice()]);
  const totp = openTotp(ctx, credential.config.totp_url);
  if (!totp) {
    ctx.log.warn({ identity_id: identity.id }, 'TOTP secret cannot be opened: sealed under a retired secret or altered');
    throw new FlowValidationError([messages.noTotpDevice()]);
  }
  const step = matchingStep(totp, code, ctx.now());
  if (step === undefined) throw wrongCode();
  if (!(await claimStep(ctx, identity.id, step, lastUsedStep(credential.config)))) {
    ctx.log.info({ identity_id: identity.id, reason: 'totp_code_replayed' }, 'TOTP login refused');
    throw wrongCode();
  }
  const now = new Date(ctx.now()).toISOString();
  const updated: Identity = {
    ...identity,
    credentials: { ...identity.credentials, totp: { ...credential, config: { ...credential.config, last_used_step: step }, updated_at: now } },
  };
  const write = await ctx.storage.identities.updateIdentity(updated);
  if (write.status !== 'ok') throw new InternalError('The used TOTP step could not be recorded.', { reason: `identity update: ${write.status}` });
  return updated;
};

export const totpLogin = {
  method: 'totp',

  loginNodes: (_flow, aal, identity?) =>
    aal === 'aal2' && (identity === undefined || identity.credentials.totp !== undefined) ? totpLoginNodes() : [],

  async login(ctx, flow, body, identity?) {
    if (!ctx.config.selfservice.methods.totp.enabled || identity === undefined) throw new FlowValidationError([messages.noLoginMethod()]);
    const code = stringField(body, 'totp_code').trim();
    if (code === '') throw new FlowValidationError([], { totp_code: [messages.required('totp_code')] });
    const updated = await useStoredCode(ctx, identity, code);
    ctx.log.info({ flow_id: flow.id, identity_id: identity.id }, 'TOTP second factor accepted');
    return { identity: updated, method: 'totp', aal: 'aal2' };
  },
} satisfies LoginStrategy;

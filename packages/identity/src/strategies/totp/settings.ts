/**
 * Setting up and removing an authenticator app in the settings flow (method `totp`). The flow
 * offers a new secret (QR code and text) kept sealed in the flow's state; only a valid code from
 * it turns it into the identity's `totp` credential `{totp_url: <sealed>, last_used_step}`, and
 * that code's step counts as used (ID-14). Both changes need a recent login (ID-13).
 */
import type { TOTP } from 'otpauth';
import type { IdentityContext } from '../../context.ts';
import { stringField } from '../../flows/body.ts';
import { flagSet } from '../../flows/settings/flags.ts';
import { newCredential } from '../../identities/credentials.ts';
import type { Identity } from '../../identities/identity.ts';
import { messages } from '../../ui/messages.ts';
import { FlowValidationError, type SettingsChange, type SettingsStrategy } from '../strategy.ts';
import { totpSetupNodes, totpUnlinkNodes } from './nodes.ts';
import { claimStep } from './replay.ts';
import { matchingStep, newTotp, openTotp, sealTotp } from './secret.ts';

const pendingOf = (ctx: IdentityContext, state: Record<string, unknown> | undefined): TOTP | undefined => openTotp(ctx, state?.pending);

const unlink = (ctx: IdentityContext, identity: Identity, requirePrivileged: () => void): SettingsChange => {
  if (!identity.credentials.totp) throw new FlowValidationError([messages.noTotpDevice()]);
  requirePrivileged();
  const { totp: _removed, ...credentials } = identity.credentials;
  ctx.log.info({ identity_id: identity.id }, 'authenticator app removed');
  return { identity: { ...identity, credentials, updated_at: new Date(ctx.now()).toISOString() }, credentialsChanged: true };
};

const link = async (
  ctx: IdentityContext, identity: Identity, code: string, pending: TOTP | undefined, requirePrivileged: () => void,
): Promise<SettingsChange> => {
  if (identity.credentials.totp) {
    throw new FlowValidationError([messages.generic('An authenticator app is set up already; remove it before setting up another one.')]);
  }
  if (code === '') throw new FlowValidationError([], { totp_code: [messages.required('totp_code')] });
  if (!pending) throw new FlowValidationError([messages.generic('This setup has no pending authenticator key any more; open the settings page again.')]);
  requirePrivileged();
  const now = ctx.now();
  const step = matchingStep(pending, code, now);
  if (step === undefined || !(await claimStep(ctx, identity.id, step, undefined))) {
    throw new FlowValidationError([], { totp_code: [messages.totpInvalid()] });
  }
  const totp = newCredential('totp', [identity.id], { totp_url: sealTotp(ctx, pending), last_used_step: step }, now);
  ctx.log.info({ identity_id: identity.id }, 'authenticator app set up');
  return { identity: { ...identity, credentials: { ...identity.credentials, totp }, updated_at: new Date(now).toISOString() }, credentialsChanged: true };
};

export const totpSettings = {
  method: 'totp',

  claims: (body) => body.totp_unlink !== undefined || body.totp_code !== undefined,

  async settingsForm(ctx, identity, state) {
    if (!ctx.config.selfservice.methods.totp.enabled) return { nodes: [] };
    if (identity.credentials.totp) return { nodes: totpUnlinkNodes() };
    // The same secret until it is confirmed, so a re-rendered form keeps the QR code already scanned.
    const pending = pendingOf(ctx, state) ?? newTotp(ctx, identity);
    return { nodes: await totpSetupNodes(pending), state: { pending: sealTotp(ctx, pending) } };
  },

  async updateSettings(ctx, _flow, body, identity, state, requirePrivileged) {
    if (!ctx.config.selfservice.methods.totp.enabled) throw new FlowValidationError([messages.noSettingsMethod()]);
    if (flagSet(body.totp_unlink)) return unlink(ctx, identity, requirePrivileged);
    return link(ctx, identity, stringField(body, 'totp_code').trim(), pendingOf(ctx, state), requirePrivileged);
  },
} satisfies SettingsStrategy;

/**
 * Recovery codes in the settings flow (method `lookup_secret`): `lookup_secret_regenerate` makes 12
 * new codes, kept sealed in the flow's state and shown once; `lookup_secret_confirm` saves them
 * (hashed), replacing any earlier set; `lookup_secret_reveal` shows which saved codes were used;
 * `lookup_secret_disable` removes them. Each needs a recent login (docs/security.md ID-13).
 */
import type { IdentityContext } from '../../context.ts';
import { flagSet } from '../../flows/settings/flags.ts';
import { newCredential } from '../../identities/credentials.ts';
import type { Identity } from '../../identities/identity.ts';
import { messages } from '../../ui/messages.ts';
import { FlowValidationError, type SettingsChange, type SettingsStrategy } from '../strategy.ts';
import { hashLookupCode, newLookupCodes, storedCodesOf } from './codes.ts';
import { manageNodes, pendingCodesNodes, savedCodesNodes } from './nodes.ts';

const SEALED_PENDING = 'identity-lookup-pending';
const ACTIONS = ['lookup_secret_regenerate', 'lookup_secret_confirm', 'lookup_secret_reveal', 'lookup_secret_disable'] as const;

const pendingCodes = (ctx: IdentityContext, state: Record<string, unknown> | undefined): string[] | undefined => {
  const opened = typeof state?.pending === 'string' ? ctx.sealer.open(state.pending, SEALED_PENDING) : undefined;
  return opened === undefined ? undefined : (JSON.parse(opened) as string[]);
};

const at = (ctx: IdentityContext): string => new Date(ctx.now()).toISOString();

const confirm = (ctx: IdentityContext, identity: Identity, codes: string[] | undefined): SettingsChange => {
  if (!codes) throw new FlowValidationError([messages.generic('There are no new recovery codes to save; create new ones first.')]);
  const recovery_codes = codes.map((code) => ({ code_hash: hashLookupCode(ctx, code), used_at: null }));
  const lookup_secret = newCredential('lookup_secret', [identity.id], { recovery_codes }, ctx.now());
  ctx.log.info({ identity_id: identity.id, count: codes.length }, 'recovery codes saved');
  return { identity: { ...identity, credentials: { ...identity.credentials, lookup_secret }, updated_at: at(ctx) }, credentialsChanged: true };
};

const disable = (ctx: IdentityContext, identity: Identity): SettingsChange => {
  if (!identity.credentials.lookup_secret) throw new FlowValidationError([messages.noLookupSecrets()]);
  const { lookup_secret: _removed, ...credentials } = identity.credentials;
  ctx.log.info({ identity_id: identity.id }, 'recovery codes removed');
  return { identity: { ...identity, credentials, updated_at: at(ctx) }, credentialsChanged: true };
};

export const lookupSecretSettings = {
  method: 'lookup_secret',

  claims: (body) => ACTIONS.some((name) => body[name] !== undefined),

  async settingsForm(ctx, identity, state) {
    if (!ctx.config.selfservice.methods.lookupSecret.enabled) return { nodes: [] };
    const pending = pendingCodes(ctx, state);
    if (pending) return { nodes: pendingCodesNodes(pending), state };
    const saved = storedCodesOf(identity.credentials.lookup_secret);
    const shown = state?.revealed === true && saved.length > 0 ? savedCodesNodes(saved) : [];
    return { nodes: [...shown, ...manageNodes(saved.length > 0)] };
  },

  async updateSettings(ctx, _flow, body, identity, state, requirePrivileged) {
    if (!ctx.config.selfservice.methods.lookupSecret.enabled) throw new FlowValidationError([messages.noSettingsMethod()]);
    const action = ACTIONS.find((name) => flagSet(body[name]));
    if (action === undefined) throw new FlowValidationError([messages.noSettingsMethod()]);
    requirePrivileged();
    switch (action) {
      case 'lookup_secret_regenerate':
        return { state: { pending: ctx.sealer.seal(JSON.stringify(newLookupCodes()), SEALED_PENDING) } };
      case 'lookup_secret_confirm':
        return confirm(ctx, identity, pendingCodes(ctx, state));
      case 'lookup_secret_disable':
        return disable(ctx, identity);
      case 'lookup_secret_reveal':
        if (!identity.credentials.lookup_secret) throw new FlowValidationError([messages.noLookupSecrets()]);
        return { state: { revealed: true } };
    }
  },
} satisfies SettingsStrategy;

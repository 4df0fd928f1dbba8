/**
 * The password method of the settings flow (`{method: "password", password}`): a recent login is
 * required (docs/security.md ID-13), the new password passes the registration policy (NIST
 * 800-63B §5.1.1.2, ID-1..ID-4) and differs from the current one; it is stored as a fresh argon2id
 * hash, and the identity's other sessions end (ID-11).
 */
import type { IdentityContext } from '../../../context.ts';
import { newCredential } from '../../../identities/credentials.ts';
import type { Identity } from '../../../identities/identity.ts';
import { hasherFor } from '../../../strategies/password/hasher-for.ts';
import { passwordIdentifiersOf } from '../../../strategies/password/identifiers.ts';
import { checkPasswordPolicy } from '../../../strategies/password/policy.ts';
import { FlowValidationError, type SettingsStrategy } from '../../../strategies/strategy.ts';
import { messages } from '../../../ui/messages.ts';
import type { UiText } from '../../../ui/node.ts';
import { inputNode, submitNode } from '../../../ui/nodes.ts';
import { stringField } from '../../body.ts';

const refuse = (message: UiText): FlowValidationError => new FlowValidationError([], { password: [message] });

const isCurrentPassword = async (ctx: IdentityContext, identity: Identity, password: string): Promise<boolean> => {
  const hashed = identity.credentials.password?.config.hashed_password;
  return typeof hashed === 'string' && hashed !== '' && (await hasherFor(ctx.config).verify(password, hashed));
};

export const passwordSettings = {
  method: 'password',

  // Kratos' password form always sends method=password; a bare `password` field is not guessed at.
  claims: () => false,

  async settingsForm() {
    return {
      nodes: [
        inputNode('password', 'password', 'password', { required: true, autocomplete: 'new-password', label: messages.passwordLabel() }),
        submitNode('password', 'password', messages.saveLabel()),
      ],
    };
  },

  async updateSettings(ctx, _flow, body, identity, _state, requirePrivileged) {
    const password = stringField(body, 'password');
    if (password === '') throw refuse(messages.required('password'));
    requirePrivileged();
    const identifiers = passwordIdentifiersOf(ctx.config, identity);
    if (identifiers.length === 0) throw new FlowValidationError([messages.identifierMissing()]);
    const violation = checkPasswordPolicy(password, identifiers, ctx.config.selfservice.methods.password);
    if (violation) throw refuse(violation);
    if (await isCurrentPassword(ctx, identity, password)) throw refuse(messages.passwordSameAsOld());
    const now = ctx.now();
    const previous = identity.credentials.password;
    const config = { hashed_password: await hasherFor(ctx.config).hash(password) };
    const credential = previous
      ? { ...previous, identifiers, config, updated_at: new Date(now).toISOString() }
      : newCredential('password', identifiers, config, now);
    ctx.log.info({ identity_id: identity.id }, 'password changed in settings');
    return {
      identity: { ...identity, credentials: { ...identity.credentials, password: credential }, updated_at: new Date(now).toISOString() },
      credentialsChanged: true,
    };
  },
} satisfies SettingsStrategy;

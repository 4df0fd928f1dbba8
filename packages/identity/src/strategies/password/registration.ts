/**
 * Password registration: the policy check (policy.ts) against the identifiers the credential will
 * carry, then an argon2id hash stored as Kratos' password credential `{hashed_password}`.
 */
import { stringField } from '../../flows/body.ts';
import type { Credential } from '../../identities/identity.ts';
import { messages } from '../../ui/messages.ts';
import { FlowValidationError } from '../strategy.ts';
import type { RegistrationStrategy } from '../strategy.ts';
import { hasherFor } from './hasher-for.ts';
import { passwordIdentifiersOf } from './identifiers.ts';
import { passwordRegistrationNodes } from './nodes.ts';
import { checkPasswordPolicy } from './policy.ts';

export const passwordRegistration = {
  method: 'password',

  registrationNodes: (_flow) => passwordRegistrationNodes(),

  async register(ctx, _flow, body, identity) {
    const password = stringField(body, 'password');
    if (password === '') throw new FlowValidationError([], { password: [messages.required('password')] });
    const identifiers = passwordIdentifiersOf(ctx.config, identity);
    if (identifiers.length === 0) throw new FlowValidationError([messages.identifierMissing()]);
    const violation = checkPasswordPolicy(password, identifiers, ctx.config.selfservice.methods.password);
    if (violation) throw new FlowValidationError([], { password: [violation] });

    const now = new Date(ctx.now()).toISOString();
    const credential: Credential = {
      type: 'password',
      identifiers,
      version: 0,
      config: { hashed_password: await hasherFor(ctx.config).hash(password) },
      created_at: now,
      updated_at: now,
    };
    identity.credentials.password = credential;
  },
} satisfies RegistrationStrategy;

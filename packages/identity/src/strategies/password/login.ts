/**
 * Password login (method `password`): identifier + password against the stored hash. Unknown
 * identifiers and wrong passwords get the same message (4000006) after the same work, one argon2id
 * verification, so neither the answer nor its timing tells whether an account exists (ID-6).
 * A disabled identity is only revealed to someone who knows its password.
 */
import type { IdentityContext } from '../../context.ts';
import type { Identity } from '../../identities/identity.ts';
import type { SelfServiceFlow } from '../../flows/flow.ts';
import { stringField } from '../../flows/body.ts';
import { IdentityDisabled, SecurityIdentityMismatch } from '../../errors.ts';
import { messages } from '../../ui/messages.ts';
import type { UiText } from '../../ui/node.ts';
import type { CredentialLookup, LookedUp } from '../../protection/store.ts';
import { FlowValidationError } from '../strategy.ts';
import type { LoginStrategy } from '../strategy.ts';
import { hasherFor } from './hasher-for.ts';
import { hasControlCharacter } from '../../schemas/identifier-checks.ts';
import { loginLookupKey } from './identifiers.ts';
import { passwordLoginNodes } from './nodes.ts';
import { rehashIfNeeded } from './rehash.ts';

const invalidCredentials = (): FlowValidationError => new FlowValidationError([messages.invalidCredentials()]);

const readCredentials = (body: Record<string, unknown>): { identifier: string; password: string } => {
  const identifier = stringField(body, 'identifier');
  const password = stringField(body, 'password');
  const missing: Record<string, UiText[]> = {};
  if (identifier.trim() === '') missing.identifier = [messages.required('identifier')];
  if (password === '') missing.password = [messages.required('password')];
  if (Object.keys(missing).length > 0) throw new FlowValidationError([], missing);
  return { identifier, password };
};

/**
 * One lookup whether or not the account exists: the same work on both paths (ID-6). An identifier
 * with a control character belongs to no account (schemas/identifier-checks.ts), and PostgreSQL
 * cannot even compare U+0000, so it is an unknown identifier without asking storage.
 */
const lookupOf = (identifier: string): CredentialLookup | undefined => {
  const key = loginLookupKey(identifier);
  return hasControlCharacter(key) ? undefined : { type: 'password', identifier: key };
};

const findIdentity = async (ctx: IdentityContext, identifier: string, lookedUp: LookedUp | undefined): Promise<Identity | undefined> => {
  if (lookedUp) return lookedUp.identity;
  const lookup = lookupOf(identifier);
  return lookup ? ctx.storage.identities.findByCredentialIdentifier(lookup.type, lookup.identifier) : undefined;
};

const storedHash = (identity: Identity | undefined): string | undefined => {
  const hashed = identity?.credentials.password?.config.hashed_password;
  return typeof hashed === 'string' && hashed !== '' ? hashed : undefined;
};

/** A re-authentication (refresh) or a step-up must be completed by the session's own identity. */
const expectedIdentityId = (flow: SelfServiceFlow, sessionIdentity: Identity | undefined): string =>
  sessionIdentity?.id ?? flow.identityId;

export const passwordLogin = {
  method: 'password',

  loginNodes: (_flow, aal) => (aal === 'aal1' ? passwordLoginNodes() : []),

  /** Only for a body `login` will look up: both fields given (else it answers "required" first). */
  credentialLookup(body) {
    const identifier = stringField(body, 'identifier');
    return identifier.trim() === '' || stringField(body, 'password') === '' ? undefined : lookupOf(identifier);
  },

  async login(ctx, flow, body, sessionIdentity?, lookedUp?) {
    const { identifier, password } = readCredentials(body);
    const hasher = hasherFor(ctx.config);
    // Longer than any password we let anyone set: the answer cannot depend on the account.
    if (Buffer.byteLength(password, 'utf8') > ctx.config.selfservice.methods.password.maxBytes) throw invalidCredentials();

    const identity = await findIdentity(ctx, identifier, lookedUp);
    const hashed = storedHash(identity);
    if (!identity || !hashed) {
      await hasher.verifyDummy(password);
      ctx.log.info({ flow_id: flow.id, reason: identity ? 'no_password_credential' : 'unknown_identifier' }, 'password login refused');
      throw invalidCredentials();
    }
    const { verified, needsRehash } = await hasher.verifyForLogin(password, hashed);
    if (!verified) {
      ctx.log.info({ flow_id: flow.id, identity_id: identity.id, reason: 'wrong_password' }, 'password login refused');
      throw invalidCredentials();
    }
    if (identity.state !== 'active') {
      throw new IdentityDisabled(messages.identityDisabled().text, { reason: 'The identity state is inactive.' });
    }
    const expected = expectedIdentityId(flow, sessionIdentity);
    if (expected && expected !== identity.id) {
      throw new SecurityIdentityMismatch('The credentials belong to another identity than the session being re-authenticated.');
    }
    const current = await rehashIfNeeded(ctx, identity, password, hashed, hasher, needsRehash);
    return { identity: current, method: 'password', aal: 'aal1' };
  },
} satisfies LoginStrategy;

/**
 * The profile method of the settings flow (`{method: "profile", traits}`): the traits are validated
 * against the identity's schema (messages per field, as at registration). A change to a trait that
 * is a credential identifier or an address (email, phone) needs a recent login (docs/security.md
 * ID-13); other traits (a name) do not, as in Kratos.
 */
import { assembleIdentity, schemaFor } from '../../../identities/assemble.ts';
import type { Identity } from '../../../identities/identity.ts';
import { loadSchemas, type IdentitySchema } from '../../../schemas/registry.ts';
import { identifiersOf, recoveryAddressesOf, verifiableAddressesOf } from '../../../schemas/traits.ts';
import { validateTraits } from '../../../schemas/validate.ts';
import { FlowValidationError, type SettingsStrategy } from '../../../strategies/strategy.ts';
import { messages } from '../../../ui/messages.ts';
import type { UiText } from '../../../ui/node.ts';
import { submitNode } from '../../../ui/nodes.ts';
import { withSubmittedValues } from '../../form-state.ts';
import { traitsNodes } from '../../registration/traits-nodes.ts';

/** Everything about the traits that finds, reaches or recovers the account, in a comparable form. */
const protectedFields = (schema: IdentitySchema, traits: unknown, now: number): string => {
  const ids = identifiersOf(schema, traits);
  const addresses = [
    ...verifiableAddressesOf(schema, traits, { now }).map((a) => `verify:${a.via}:${a.value}`),
    ...recoveryAddressesOf(schema, traits, { now }).map((a) => `recover:${a.via}:${a.value}`),
  ];
  return JSON.stringify([ids.password, ids.code, ids.webauthn, addresses].map((list) => [...list].sort()));
};

const checkedTraits = (schema: IdentitySchema, traits: unknown): Record<string, unknown> => {
  const problems = validateTraits(schema, traits);
  if (problems.length > 0) {
    const byNode: Record<string, UiText[]> = {};
    for (const { name, message } of problems) (byNode[name] ??= []).push(message);
    throw new FlowValidationError([], byNode);
  }
  // JSON round trip: stored traits are plain objects, not the body parser's prototype-less ones.
  return JSON.parse(JSON.stringify(traits)) as Record<string, unknown>;
};

export const profileSettings = {
  method: 'profile',

  claims: (body) => body.traits !== undefined,

  async settingsForm(ctx, identity) {
    const schema = loadSchemas(ctx.config).get(identity.schema_id);
    if (!schema) return { nodes: [] };
    const fields = withSubmittedValues(traitsNodes(schema), { traits: identity.traits }).map((node) => ({ ...node, group: 'profile' as const }));
    return { nodes: [...fields, submitNode('profile', 'profile', messages.saveLabel())] };
  },

  async updateSettings(ctx, _flow, body, identity, _state, requirePrivileged) {
    const schemas = loadSchemas(ctx.config);
    const schema = schemaFor(schemas, identity.schema_id);
    const traits = checkedTraits(schema, body.traits ?? {});
    const now = ctx.now();
    if (protectedFields(schema, traits, now) !== protectedFields(schema, identity.traits, now)) requirePrivileged();
    const updated: Identity = await assembleIdentity(schemas, { schemaId: schema.id, traits }, {
      id: identity.id, now, previous: identity,
      hashPassword: () => Promise.reject(new Error('the profile method sets no password')),
    });
    return { identity: updated };
  },
} satisfies SettingsStrategy;

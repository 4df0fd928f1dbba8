/**
 * Traits that fail the identity schema after mapping (Kratos' behaviour, docs/operations/social-sign-in.md
 * "Traits the schema refuses"): instead of an error, or a loop back to the provider, the user lands on a
 * registration flow with the mapped traits filled in, each problem on its field, and one button that
 * continues with the same provider. The verified provider account waits in that flow's `internal`
 * (never sent to the browser; the flow is bound to this browser by its CSRF cookie), so submitting the
 * corrected traits registers the identity with the `oidc` credential without a second round trip.
 */
import type { IdentityContext } from '../../context.ts';
import type { SelfServiceFlow } from '../../flows/flow.ts';
import { echoable, uiAfterError } from '../../flows/form-state.ts';
import { newFlow } from '../../flows/new-flow.ts';
import { inheritOAuth2Request } from '../../flows/oauth2-request.ts';
import { traitsNodes } from '../../flows/registration/traits-nodes.ts';
import { assembleIdentity } from '../../identities/assemble.ts';
import { newIdentityId } from '../../identities/ids.ts';
import type { Identity } from '../../identities/identity.ts';
import { loadSchemas } from '../../schemas/registry.ts';
import { validateTraits } from '../../schemas/validate.ts';
import { messages } from '../../ui/messages.ts';
import type { UiText } from '../../ui/node.ts';
import { csrfNode, inputNode } from '../../ui/nodes.ts';
import { FlowValidationError } from '../strategy.ts';
import { withProviderLinked } from './link.ts';
import { oidcMessages as m } from './messages.ts';
import { oidcProvider, type OidcProvider } from './providers.ts';

/** The flow's `internal` key of a provider account waiting for valid traits. */
export const PENDING_REGISTRATION = 'oidcPendingRegistration';

export interface PendingRegistration {
  provider: string;
  subject: string;
  /** Addresses the provider vouched for: verified if the submitted traits still hold them. */
  verifiedAddresses: string[];
  /** The mapper's metadata for the new identity (mapping.ts); kept on the server with the flow. */
  metadataPublic?: Record<string, unknown>;
  metadataAdmin?: Record<string, unknown>;
}

/** The schema's problems with `traits`, by node name (`traits.email`). */
export const traitProblems = (ctx: IdentityContext, traits: Record<string, unknown>): Record<string, UiText[]> => {
  const schemas = loadSchemas(ctx.config);
  const byNode: Record<string, UiText[]> = {};
  for (const { name, message } of validateTraits(schemas.get(schemas.defaultId)!, traits)) (byNode[name] ??= []).push(message);
  return byNode;
};

/** The mapped traits failed the schema: thrown by sign-in.ts, answered by `traitsForm`. */
export class TraitsIncomplete extends FlowValidationError {
  readonly traits: Record<string, unknown>;
  readonly pending: PendingRegistration;
  constructor(provider: OidcProvider, traits: Record<string, unknown>, nodeMessages: Record<string, UiText[]>, pending: PendingRegistration) {
    super([m.completeTraits(provider.label)], nodeMessages);
    this.traits = traits;
    this.pending = pending;
  }
}

/**
 * The registration flow that shows the mapped traits: the callback's own registration flow, or a new
 * one that keeps a login flow's request (its OAuth2 login challenge too). Stored; the caller sends the browser there.
 */
export const traitsForm = async (ctx: IdentityContext, from: SelfServiceFlow, provider: OidcProvider, err: TraitsIncomplete, csrfSecret: string | undefined): Promise<SelfServiceFlow> => {
  const fresh = from.kind !== 'registration';
  const flow = fresh
    ? newFlow(ctx, 'registration', { type: from.type, requestUrl: from.requestUrl, returnTo: from.returnTo, csrfSecret, oauth2LoginChallenge: from.oauth2LoginChallenge })
    : from;
  if (fresh) inheritOAuth2Request(from, flow);
  const schemas = loadSchemas(ctx.config);
  const nodes = [
    ...(flow.type === 'browser' ? [csrfNode(flow.internal.csrfToken)] : []),
    ...traitsNodes(schemas.get(schemas.defaultId)!),
    inputNode('oidc', 'provider', 'submit', { value: provider.id, label: messages.registrationContinue() }),
  ];
  const next: SelfServiceFlow = {
    ...flow,
    active: 'oidc',
    ui: echoable(uiAfterError({ action: flow.ui.action, method: 'POST', nodes }, { traits: err.traits }, err)),
    internal: { ...flow.internal, [PENDING_REGISTRATION]: err.pending, updatedAt: ctx.now() },
  };
  await (fresh ? ctx.storage.flows.createFlow(next) : ctx.storage.flows.updateFlow(next));
  ctx.log.info({ flow_id: next.id, from_flow_id: from.id, provider: provider.id, traits: Object.keys(err.nodeMessages), trace_id: next.internal.traceId }, 'provider traits need completing on the registration form');
  return next;
};

/** The pending provider account of this registration flow, when the submission continues with it. */
export const pendingRegistrationFor = (flow: SelfServiceFlow, body: Record<string, unknown>): PendingRegistration | undefined => {
  const pending = flow.internal[PENDING_REGISTRATION] as PendingRegistration | undefined;
  return pending !== undefined && body.provider === pending.provider ? pending : undefined;
};

/** The identity the corrected traits describe, with the provider linked; not stored yet. */
export const identityFromPending = async (ctx: IdentityContext, pending: PendingRegistration, body: Record<string, unknown>): Promise<Identity> => {
  const provider = oidcProvider(ctx.config, pending.provider);
  if (provider === undefined) throw new FlowValidationError([m.unknownProvider(pending.provider)]);
  const traits = JSON.parse(JSON.stringify(body.traits ?? {})) as Record<string, unknown>;
  const problems = traitProblems(ctx, traits);
  if (Object.keys(problems).length > 0) throw new FlowValidationError([], problems);
  const now = ctx.now();
  const schemas = loadSchemas(ctx.config);
  const identity = await assembleIdentity(schemas, {
    schemaId: schemas.defaultId, traits, verifiableAddresses: pending.verifiedAddresses.map((value) => ({ value, via: 'email' as const, verified: true as const })),
    metadataPublic: pending.metadataPublic, metadataAdmin: pending.metadataAdmin,
  }, { id: newIdentityId(now), now, hashPassword: () => Promise.reject(new Error('an oidc registration sets no password')) });
  return withProviderLinked(identity, provider, pending.subject, now);
};

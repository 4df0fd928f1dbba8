/**
 * POST /self-service/registration?flow= (docs/compatibility.md §2.1, §2.4): traits validated against the
 * default schema, the chosen method's credential added, the identity stored (a duplicate identifier
 * is message 4000007), then a session issued so native apps get their session_token at once.
 */
import type { IdentityContext } from '../../context.ts';
import { checkCsrf } from '../../csrf/csrf.ts';
import { assembleIdentity } from '../../identities/assemble.ts';
import { newIdentityId } from '../../identities/ids.ts';
import type { CredentialType, Identity } from '../../identities/identity.ts';
import { loadSchemas } from '../../schemas/registry.ts';
import { validateTraits } from '../../schemas/validate.ts';
import type { CurrentSession } from '../../sessions/lookup.ts';
import { issueSession } from '../../sessions/issue.ts';
import { redirectStrategyFor, registrationStrategyFor, submittedMethod } from '../../strategies/index.ts';
import { FlowValidationError, type RegistrationStrategy } from '../../strategies/strategy.ts';
import { messages } from '../../ui/messages.ts';
import type { UiText } from '../../ui/node.ts';
import { normalizeBody, type FlowBody } from '../body.ts';
import type { SelfServiceFlow } from '../flow.ts';
import { acceptOAuth2Login } from '../login/oauth2.ts';
import { knownLoginRequest } from '../oauth2-request.ts';
import { alreadyLoggedIn } from '../login/rules.ts';
import { ensureNotExpired, loadFlow } from '../lookup.ts';
import type { SubmitOutcome, SubmitRequest } from '../outcome.ts';
import { rejected } from '../rejected.ts';
import { checkRegistrationEnabled, recreateRegistrationFlow } from './create.ts';
import { sendVerificationAfterRegistration } from '../verification/after-registration.ts';
import { identityFromPending, pendingRegistrationFor, type PendingRegistration } from '../../strategies/oidc/complete-traits.ts';
import { PasskeyCreationPending, PENDING_IDENTITY_KEY, withCreationNodes } from '../../strategies/passkey/pending.ts';

export interface RegistrationSubmitRequest extends SubmitRequest {
  current?: CurrentSession;
}

/** The identity the form describes, not stored yet; FlowValidationError per trait field. */
const identityFrom = async (ctx: IdentityContext, body: FlowBody): Promise<Identity> => {
  const schemas = loadSchemas(ctx.config);
  const schema = schemas.get(schemas.defaultId)!;
  const traits = body.traits ?? {};
  const problems = validateTraits(schema, traits);
  if (problems.length > 0) {
    const byNode: Record<string, UiText[]> = {};
    for (const { name, message } of problems) (byNode[name] ??= []).push(message);
    throw new FlowValidationError([], byNode);
  }
  const now = ctx.now();
  // JSON round trip: the stored traits are plain objects, not the parser's prototype-less ones.
  const plain = JSON.parse(JSON.stringify(traits)) as Record<string, unknown>;
  return assembleIdentity(schemas, { schemaId: schema.id, traits: plain }, {
    id: newIdentityId(now), now, hashPassword: () => Promise.reject(new Error('registration passwords are hashed by the strategy')),
  });
};

const register = async (ctx: IdentityContext, flow: SelfServiceFlow, strategy: RegistrationStrategy, body: FlowBody): Promise<Identity> => {
  const identity = await identityFrom(ctx, body);
  await strategy.register(ctx, flow, body, identity);
  const written = await ctx.storage.identities.createIdentity(identity);
  if (written.status === 'duplicate_identifier') {
    ctx.log.info({ flow_id: flow.id, credential_type: written.type }, 'registration refused: identifier taken');
    throw new FlowValidationError([messages.duplicateCredentials()]);
  }
  return identity;
};

export const submitRegistration = async (
  ctx: IdentityContext,
  flowId: string | undefined,
  rawBody: unknown,
  req: RegistrationSubmitRequest,
): Promise<SubmitOutcome> => {
  checkRegistrationEnabled(ctx);
  const flow = await loadFlow(ctx, 'registration', flowId, req.flow);
  await ensureNotExpired(ctx, flow, () => recreateRegistrationFlow(ctx, flow, req.csrfSecret));
  checkCsrf(ctx, flow, { cookie: req.csrfCookie, token: req.csrfToken });
  const body = normalizeBody(rawBody);
  const method = submittedMethod(body);
  if (flow.state === 'passed_challenge') return rejected(ctx, flow, body, new FlowValidationError([messages.registrationAlreadyCompleted()]), method);
  if (req.current !== undefined && !flow.oauth2LoginChallenge) throw alreadyLoggedIn();
  // Provider traits the schema refused, corrected on this form: registered without another round trip.
  const pendingOidc = method === 'oidc' ? pendingRegistrationFor(flow, body) : undefined;
  if (pendingOidc !== undefined) return registerPendingOidc(ctx, flow, body, pendingOidc, req);
  const redirecting = redirectStrategyFor(method);
  if (redirecting !== undefined && redirecting.flowNodes(ctx.config, flow).length > 0) {
    try {
      return { kind: 'redirect', flow, redirect: await redirecting.redirect(ctx, flow, body) };
    } catch (err) {
      if (err instanceof FlowValidationError) return rejected(ctx, flow, body, err, method);
      throw err;
    }
  }
  const strategy = registrationStrategyFor(method);
  if (strategy === undefined) return rejected(ctx, flow, body, new FlowValidationError([messages.noRegistrationMethod()]), method);
  let identity: Identity;
  try {
    identity = await register(ctx, flow, strategy, body);
  } catch (err) {
    // A passkey sign-up's first step: the flow again, with the options to create the passkey.
    if (err instanceof PasskeyCreationPending) {
      const next = { ...flow, ui: { ...flow.ui, nodes: withCreationNodes(flow.ui.nodes, err.nodes) }, internal: { ...flow.internal, [PENDING_IDENTITY_KEY]: err.identityId } };
      return rejected(ctx, next, body, err, method);
    }
    if (err instanceof FlowValidationError) return rejected(ctx, flow, body, err, method);
    throw err;
  }
  return completeRegistration(ctx, flow, identity, strategy.method, req);
};

const registerPendingOidc = async (
  ctx: IdentityContext, flow: SelfServiceFlow, body: FlowBody, pending: PendingRegistration, req: RegistrationSubmitRequest,
): Promise<SubmitOutcome> => {
  let identity: Identity;
  try {
    identity = await identityFromPending(ctx, pending, body);
    const written = await ctx.storage.identities.createIdentity(identity);
    if (written.status === 'duplicate_identifier') {
      ctx.log.info({ flow_id: flow.id, credential_type: written.type }, 'registration refused: identifier taken');
      throw new FlowValidationError([messages.duplicateCredentials()]);
    }
  } catch (err) {
    if (err instanceof FlowValidationError) return rejected(ctx, flow, body, err, 'oidc');
    throw err;
  }
  return completeRegistration(ctx, flow, identity, 'oidc', req);
};

const completeRegistration = async (
  ctx: IdentityContext,
  flow: SelfServiceFlow,
  registered: Identity,
  method: CredentialType,
  req: RegistrationSubmitRequest,
): Promise<SubmitOutcome> => {
  const verification = await sendVerificationAfterRegistration(ctx, flow, registered, req.csrfSecret);
  const identity = verification.identity;
  const now = ctx.now();
  const issued = await issueSession(ctx, identity, [{ method, aal: 'aal1', completed_at: new Date(now).toISOString() }], req.device);
  if (req.current) await ctx.storage.sessions.revokeSession(req.current.session.id, now);
  const done: SelfServiceFlow = { ...flow, state: 'passed_challenge', active: method, internal: { ...flow.internal, updatedAt: now } };
  await ctx.storage.flows.updateFlow(done);
  const oauth2 = flow.oauth2LoginChallenge ? await acceptOAuth2Login(ctx, flow.oauth2LoginChallenge, issued.session, { request: knownLoginRequest(flow), identity }) : '';
  ctx.log.info({ flow_id: flow.id, identity_id: identity.id, session_id: issued.session.id, method, trace_id: flow.internal.traceId }, 'registration succeeded');
  return {
    kind: 'success', flow: done, identity, issued,
    redirectTo: oauth2 || flow.returnTo || ctx.config.selfservice.defaultBrowserReturnUrl,
    continuesOAuth2: oauth2 !== '',
    continueWith: verification.continueWith,
  };
};

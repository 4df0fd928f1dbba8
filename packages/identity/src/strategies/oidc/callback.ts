/**
 * GET (and POST) /self-service/methods/oidc/callback/{provider}: the provider sends the browser back.
 * The continuity cookie must come back and match (continuity.ts), the flow must still be open; then the
 * code is exchanged, the ID token verified, and the provider identity signs in or registers
 * (sign-in.ts). The flow then ends like a password login: a new session, the OAuth2 login request
 * accepted with amr ["oidc"], and the browser sent on. Refusals the user can act on (the provider
 * refused, an address that belongs to another account) return to the flow with a message; mapped
 * traits the schema refuses go to the registration form (complete-traits.ts). A settings flow links
 * the provider to the signed-in identity instead (settings-link.ts). A native app's flow comes back
 * without a cookie (native-continuity.ts) and ends at its return_to, with the session-token exchange's
 * code when the sign-in succeeded (flows/token-exchange).
 */
import { constantTimeEqual } from '@olympus/crypto';
import type { IdentityContext } from '../../context.ts';
import { IdentityError } from '../../errors.ts';
import type { SelfServiceFlow } from '../../flows/flow.ts';
import { completeLogin, type LoginSubmitRequest } from '../../flows/login/submit.ts';
import { traceLoginSubmit } from '../../flows/login/trace-submit.ts';
import { loadFlow } from '../../flows/lookup.ts';
import type { SubmitOutcome } from '../../flows/outcome.ts';
import { rejected } from '../../flows/rejected.ts';
import { messages } from '../../ui/messages.ts';
import { FlowValidationError } from '../strategy.ts';
import { checkCallbackMatches, openContinuity, type Continuity } from './continuity.ts';
import { providerClaims } from './claims.ts';
import { oidcProvider, type OidcProvider } from './providers.ts';
import { PENDING_LINK } from './link.ts';
import { PendingLinkRequired, signInWithProvider } from './sign-in.ts';
import { TraitsIncomplete, traitsForm } from './complete-traits.ts';
import { completeSettingsLink, type SettingsLinkOutcome } from './settings-link.ts';
import { loginFlowForPendingLink } from './link-from-registration.ts';
import { takeNativeContinuity } from './native-continuity.ts';
import { sendVerificationAfterRegistration } from '../../flows/verification/after-registration.ts';
import { completeSessionTokenExchange, nativeReturnUrl } from '../../flows/token-exchange/complete.ts';

export interface OidcCallbackRequest extends LoginSubmitRequest {
  /** The continuity cookie as it came back, if it did. */
  continuityCookie?: string;
}

/** The provider's answer: `code` and `state`, or `error` (RFC 6749 §4.1.2.1); Apple adds `user`. */
export type CallbackParams = Record<string, string | undefined>;

const providerRefusal = (provider: OidcProvider, params: CallbackParams): FlowValidationError => {
  const reason = [params.error, params.error_description].filter(Boolean).join(': ');
  return new FlowValidationError([messages.generic(`${provider.label} did not sign you in (${reason || 'no authorization code'}). Try again or choose another way to sign in.`)]);
};

const authenticate = async (ctx: IdentityContext, flow: SelfServiceFlow, provider: OidcProvider, continuity: Continuity, params: CallbackParams, req: OidcCallbackRequest) => {
  if (flow.state === 'passed_challenge') throw new FlowValidationError([messages.loginAlreadyCompleted()]);
  if (params.error !== undefined || !params.code) throw providerRefusal(provider, params);
  const claims = await providerClaims(ctx, provider, continuity, params.code, { user: params.user });
  const { identity, registered } = await signInWithProvider(ctx, provider, claims, flow.id);
  ctx.log.info({ flow_id: flow.id, provider: provider.id, identity_id: identity.id, registered, trace_id: flow.internal.traceId }, 'signed in with the provider');
  // A new identity's addresses the provider did not vouch for get their code, as after a password registration.
  const verification = registered ? await sendVerificationAfterRegistration(ctx, flow, identity, req.csrfSecret) : { identity, continueWith: [] };
  const outcome = await completeLogin(ctx, flow, { identity: verification.identity, method: 'oidc', aal: 'aal1' }, undefined, req);
  return outcome.kind === 'success' && verification.continueWith.length > 0 ? { ...outcome, continueWith: verification.continueWith } : outcome;
};

/** A native app's flow: the system browser goes to the flow's return_to, with the exchange's code after a sign-in. */
export interface NativeCallbackOutcome {
  kind: 'native';
  redirectTo: string;
}

/** A login or registration flow's outcome, a settings flow to show again (settings-link.ts), or a native flow's return. */
export type OidcCallbackOutcome = SubmitOutcome | SettingsLinkOutcome | NativeCallbackOutcome;

type Trace = (t: { outcome: 'ok' | 'refused'; errorCode?: string; messageIds?: number[]; identityId?: string; aalReached?: string }) => void;

/** The refusals the user can act on: the traits form, a link waiting for a sign-in, the flow with its message. */
const refusal = async (ctx: IdentityContext, flow: SelfServiceFlow, provider: OidcProvider, err: FlowValidationError, req: OidcCallbackRequest, native: boolean): Promise<SubmitOutcome> => {
  // A native app shows its own forms: the flow keeps the message, the app reads it (docs/operations/social-sign-in.md).
  if (err instanceof TraitsIncomplete && !native) return { kind: 'invalid', flow: await traitsForm(ctx, flow, provider, err, req.csrfSecret) };
  if (err instanceof PendingLinkRequired && flow.kind === 'registration' && !native) return { kind: 'invalid', flow: await loginFlowForPendingLink(ctx, flow, err, req.csrfSecret) };
  // Only a login flow can finish the link: the user signs in on it with the account's own credential (link.ts).
  const pending = err instanceof PendingLinkRequired && flow.kind === 'login' ? { [PENDING_LINK]: err.pending } : {};
  return rejected(ctx, { ...flow, internal: { ...flow.internal, ...pending } }, {}, err, 'oidc');
};

const signInOrRegister = async (
  ctx: IdentityContext, flow: SelfServiceFlow, provider: OidcProvider, continuity: Continuity, params: CallbackParams, req: OidcCallbackRequest, native: boolean, trace: Trace,
): Promise<SubmitOutcome> => {
  try {
    const outcome = await authenticate(ctx, flow, provider, continuity, params, req);
    if (outcome.kind === 'success') trace({ outcome: 'ok', identityId: outcome.identity.id, aalReached: outcome.issued.session.authenticator_assurance_level });
    return outcome;
  } catch (err) {
    if (err instanceof FlowValidationError) {
      const messageIds = err.messages.map((m) => m.id);
      trace({ outcome: 'refused', errorCode: String(messageIds[0] ?? 'invalid'), messageIds });
      return refusal(ctx, flow, provider, err, req, native);
    }
    if (err instanceof IdentityError) trace({ outcome: 'refused', errorCode: err.id });
    throw err;
  }
};

const nativeAnswer = async (ctx: IdentityContext, flow: SelfServiceFlow, outcome: SubmitOutcome): Promise<NativeCallbackOutcome> => {
  const withCode = outcome.kind === 'success' ? await completeSessionTokenExchange(ctx, flow, outcome.issued) : undefined;
  return { kind: 'native', redirectTo: withCode ?? nativeReturnUrl(ctx, flow) };
};

export const completeOidcCallback = async (ctx: IdentityContext, providerId: string, params: CallbackParams, req: OidcCallbackRequest): Promise<OidcCallbackOutcome> => {
  const startedAt = ctx.now();
  const native = await takeNativeContinuity(ctx, params.state);
  const continuity = native?.continuity ?? openContinuity(ctx, req.continuityCookie);
  checkCallbackMatches(continuity, providerId, typeof params.state === 'string' && constantTimeEqual(params.state, continuity.state));
  const flow = native?.flow ?? await loadFlow(ctx, continuity.flowKind, continuity.flowId);
  const provider = oidcProvider(ctx.config, providerId);
  // The record was sealed for a configured provider; one removed since then cannot finish.
  if (provider === undefined) {
    const refused = await rejected(ctx, flow, {}, new FlowValidationError([messages.generic(`The sign-in provider "${providerId}" is no longer configured.`)]), 'oidc');
    return native ? nativeAnswer(ctx, flow, refused) : refused;
  }
  if (flow.kind === 'settings') {
    return completeSettingsLink(ctx, flow, provider, req.current, async () => {
      if (params.error !== undefined || !params.code) throw providerRefusal(provider, params);
      return providerClaims(ctx, provider, continuity, params.code, { user: params.user });
    });
  }
  const trace: Trace = (t) => {
    if (flow.kind === 'login') traceLoginSubmit(ctx, flow, { startedAt, request: req.request, method: 'oidc', csrf: null, ...t });
  };
  // The system browser's own session (if any) is not the app's: it neither continues nor ends.
  const outcome = await signInOrRegister(ctx, flow, provider, continuity, params, native ? { ...req, current: undefined } : req, native !== undefined, trace);
  return native ? nativeAnswer(ctx, flow, outcome) : outcome;
};

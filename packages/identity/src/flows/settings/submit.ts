/**
 * POST /self-service/settings?flow= (docs/compatibility.md §2.1, §2.3, §2.4): a live flow of the session's
 * identity, CSRF for browsers, the required AAL; the body's `method` (or a method's own button, such
 * as `totp_unlink`) picks the settings method. Success stores the identity, ends the identity's
 * other sessions when a credential changed (docs/security.md ID-11), sends security notices
 * (ID-18), and shows the flow again in state `success`; refused input is the flow again with its
 * messages.
 */
import type { IdentityContext } from '../../context.ts';
import { checkCsrf } from '../../csrf/csrf.ts';
import type { Identity } from '../../identities/identity.ts';
import type { CurrentSession } from '../../sessions/lookup.ts';
import { noSession } from '../../sessions/whoami.ts';
import { settingsStrategyFor } from '../../strategies/index.ts';
import { FlowValidationError, type SettingsChange, type SettingsStrategy, type StrategyRedirect } from '../../strategies/strategy.ts';
import { messages } from '../../ui/messages.ts';
import { normalizeBody, type FlowBody } from '../body.ts';
import type { SelfServiceFlow } from '../flow.ts';
import { ensureNotExpired, loadFlow } from '../lookup.ts';
import { rejected } from '../rejected.ts';
import { checkOwner, checkSettingsAal, privilegeGuard, requireSession, settingsUiUrl } from './access.ts';
import { recreateSettingsFlow, type SettingsFlowView } from './create.ts';
import { sendSettingsNotices } from './notify.ts';
import { statesOf } from './state.ts';
import { renderSettings } from './ui.ts';

export interface SettingsSubmitRequest {
  /** Browser flows: the olympus_csrf cookie and the submitted csrf_token. */
  csrfCookie?: string;
  csrfToken?: string;
  /** The secret a successor flow is bound to when this one expired. */
  csrfSecret?: string;
  current?: CurrentSession;
}

export type SettingsOutcome = SettingsFlowView & ({ kind: 'invalid' | 'success' } | { kind: 'redirect'; redirect: StrategyRedirect });

const refuse = async (ctx: IdentityContext, flow: SelfServiceFlow, identity: Identity, body: FlowBody, err: FlowValidationError, method: string): Promise<SettingsOutcome> => {
  const outcome = await rejected(ctx, flow, body, err, method);
  return { kind: 'invalid', flow: outcome.flow, identity };
};

/** Stores the changed identity; a trait now claimed by another identity is message 4000007. */
const store = async (ctx: IdentityContext, flow: SelfServiceFlow, change: SettingsChange): Promise<FlowValidationError | undefined> => {
  if (!change.identity) return undefined;
  const written = await ctx.storage.identities.updateIdentity(change.identity);
  if (written.status === 'duplicate_identifier') {
    ctx.log.info({ flow_id: flow.id, credential_type: written.type }, 'settings refused: identifier taken');
    return new FlowValidationError([messages.duplicateCredentials()]);
  }
  if (written.status === 'not_found') throw noSession();
  return undefined;
};

export const submitSettings = async (ctx: IdentityContext, flowId: string | undefined, rawBody: unknown, req: SettingsSubmitRequest): Promise<SettingsOutcome> => {
  const current = requireSession(req.current);
  const flow = await loadFlow(ctx, 'settings', flowId);
  checkOwner(flow, current);
  await ensureNotExpired(ctx, flow, () => recreateSettingsFlow(ctx, flow, req.csrfSecret, current.identity));
  checkCsrf(ctx, flow, { cookie: req.csrfCookie, token: req.csrfToken });
  checkSettingsAal(ctx, current, settingsUiUrl(ctx, flow.id));
  const body = normalizeBody(rawBody);
  const strategy = settingsStrategyFor(body);
  const method = strategy?.method ?? (typeof body.method === 'string' ? body.method : '');
  if (strategy === undefined) return refuse(ctx, flow, current.identity, body, new FlowValidationError([messages.noSettingsMethod()]), method);
  let change: SettingsChange;
  try {
    change = await strategy.updateSettings(ctx, flow, body, current.identity, statesOf(flow)[method], privilegeGuard(ctx, flow, current.session));
  } catch (err) {
    if (err instanceof FlowValidationError) return refuse(ctx, flow, current.identity, body, err, method);
    throw err;
  }
  // Linking a provider (oidc) continues at the provider; its callback completes this flow.
  if (change.redirect) return { kind: 'redirect', flow, identity: current.identity, redirect: change.redirect };
  const conflict = await store(ctx, flow, change);
  if (conflict) return refuse(ctx, flow, current.identity, body, conflict, method);
  return completeSettings(ctx, flow, strategy, change, current);
};

export const completeSettings = async (
  ctx: IdentityContext,
  flow: SelfServiceFlow,
  strategy: SettingsStrategy,
  change: SettingsChange,
  current: CurrentSession,
): Promise<SettingsOutcome> => {
  const now = ctx.now();
  const identity = change.identity ?? current.identity;
  const revoked = change.credentialsChanged ? await ctx.storage.sessions.revokeSessionsOfIdentity(identity.id, current.session.id, now) : 0;
  if (change.identity) await sendSettingsNotices(ctx, current.identity, change.identity);
  const done: SelfServiceFlow = { ...flow, state: 'success', active: strategy.method, internal: { ...flow.internal, updatedAt: now } };
  await renderSettings(ctx, done, identity, { ...statesOf(flow), [strategy.method]: change.state }, [messages.settingsSaved()]);
  await ctx.storage.flows.updateFlow(done);
  ctx.log.info(
    { flow_id: flow.id, identity_id: identity.id, session_id: current.session.id, method: strategy.method, other_sessions_revoked: revoked },
    'settings updated',
  );
  return { kind: 'success', flow: done, identity };
};

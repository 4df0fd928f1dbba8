/**
 * Where a recovered account continues: a settings flow for the new session, to set a new password
 * while the session is privileged (selfservice.flows.settings.privileged_session_max_age). When the
 * identity has a second factor and settings require the highest available level, the settings flow
 * is refused and the person is sent to complete that factor first (docs/security.md ID-17).
 */
import type { IdentityContext } from '../../context.ts';
import { SessionAal2Required } from '../../errors.ts';
import type { Identity } from '../../identities/identity.ts';
import type { Session } from '../../sessions/session.ts';
import type { ContinueWith } from '../continue-with.ts';
import type { SelfServiceFlow } from '../flow.ts';
import { createSettingsFlow } from '../settings/create.ts';
import { settingsUiUrl } from '../settings/access.ts';

export interface SettingsContinuation {
  continueWith: ContinueWith[];
  /** Where a server-rendered browser is sent (303). */
  redirectTo: string;
}

export const settingsContinuation = async (
  ctx: IdentityContext,
  recovery: SelfServiceFlow,
  session: Session,
  identity: Identity,
  csrfSecret: string | undefined,
): Promise<SettingsContinuation> => {
  const requestUrl = new URL(`/self-service/settings/${recovery.type}`, ctx.config.serve.public.url).toString();
  try {
    const { flow } = await createSettingsFlow(ctx, {
      type: recovery.type, requestUrl, returnTo: recovery.returnTo || undefined, csrfSecret, current: { session, identity },
    });
    const url = settingsUiUrl(ctx, flow.id);
    return { continueWith: [{ action: 'show_settings_ui', flow: { id: flow.id, url } }], redirectTo: url };
  } catch (err) {
    if (!(err instanceof SessionAal2Required) || typeof err.extra.redirect_browser_to !== 'string') throw err;
    const stepUp = err.extra.redirect_browser_to;
    ctx.log.info({ flow_id: recovery.id, identity_id: identity.id }, 'recovered identity has a second factor: settings wait for it');
    return { continueWith: [{ action: 'redirect_browser_to', redirect_browser_to: stepUp }], redirectTo: stepUp };
  }
};

/**
 * GET /settings: the settings flow's UI (selfservice.flows.settings.ui_url). One card per method
 * group the flow carries (profile, password, authenticator app, recovery codes, and any group a
 * future method adds), each its own form, with the flow's messages once at the top. A browser
 * without a session, or one that must step up or sign in again first, is sent where the identity
 * server says and comes back to this flow.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { IdentityError, SessionInactive, getSettingsFlow, type IdentityContext, type UiContainer } from '@olympus/identity';
import { answerError, currentSession, html, readCsrfCookie, type HttpDeps, pageSchema } from '@olympus/http';
import type { Translator } from '../i18n/translator.ts';
import { allowFormRedirectsTo } from '../csp.ts';
import { queryParam, seeOther } from '../send.ts';
import { messageList, methodGroupsOf, needsWebauthnScript, uiForm } from '../ui-nodes.ts';
import { startBrowserFlow } from './flow-entry.ts';
import { accountShell, loginComingBackTo } from './signed-in.ts';

const KNOWN_GROUPS = ['profile', 'password', 'totp', 'lookup_secret', 'passkey', 'webauthn', 'oidc'] as const;
type KnownGroup = (typeof KNOWN_GROUPS)[number];


const groupHeading = (t: Translator, group: string): string =>
  (KNOWN_GROUPS as readonly string[]).includes(group) ? t.t(`settings.group.${group as KnownGroup}`) : t.t('settings.group.other', { group });

const sections = (t: Translator, ui: UiContainer) =>
  methodGroupsOf(ui).map((group) => html`<section class="card" aria-labelledby="settings-${group}">
<h2 id="settings-${group}">${groupHeading(t, group)}</h2>
${uiForm(t, ui, { groups: [group], withoutMessages: true })}
</section>`);

const answerSettingsError = (identity: IdentityContext, req: FastifyRequest, reply: FastifyReply, err: unknown): FastifyReply => {
  // No session (ended, or signed out in another tab): sign in, then back to this flow.
  if (err instanceof SessionInactive) return seeOther(reply, loginComingBackTo(identity, req.url));
  // Second factor missing: the identity server names the step-up login that returns here.
  if (err instanceof IdentityError && typeof err.extra.redirect_browser_to === 'string') return seeOther(reply, err.extra.redirect_browser_to);
  return answerError(identity, req, reply, err, { redirect: true, kind: 'settings' });
};

export const registerSettingsPage = (app: FastifyInstance, { ctx, identity }: HttpDeps): void => {
  if (identity === undefined) return;

  app.get('/settings', { schema: pageSchema({ summary: 'Account settings', tag: 'hera', query: { flow: 'The settings flow id' } }) }, async (req, reply) => {
    const flowId = queryParam(req, 'flow');
    if (flowId === undefined) return startBrowserFlow(identity, req, reply, 'settings', ['return_to']);
    try {
      const { flow } = await getSettingsFlow(identity, flowId, await currentSession(identity, req), readCsrfCookie(req, identity.config));
      const shell = accountShell(req, reply, identity, ctx.sealer, 'settings');
      const { t } = shell;
      // A provider's link button is answered with a 303 to the provider (social sign-in).
      allowFormRedirectsTo(reply, identity.config);
      return shell.send(reply, t.t('settings.title'), html`<h1>${t.t('settings.heading')}</h1>
${messageList(t, flow.ui.messages)}
${sections(t, flow.ui)}`, { script: needsWebauthnScript(flow.ui) });
    } catch (err) {
      return answerSettingsError(identity, req, reply, err);
    }
  });
};

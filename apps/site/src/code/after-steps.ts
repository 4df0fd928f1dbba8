/**
 * The steps after the tokens, each a POST form carrying the session's CSRF token: userinfo, refresh,
 * the replay of a spent refresh token (its own, clearly labelled button), revocation of either token,
 * and RP-initiated logout.
 */
import { html, type SafeHtml } from '@olympus/http';
import type { Translator } from '../i18n/translator.ts';
import { csrfField } from '../session/csrf.ts';
import type { PlaygroundSession } from '../session/state.ts';

const step = (session: PlaygroundSession, action: string, label: string, hint: string, kind = 'secondary', extra: SafeHtml = html``): SafeHtml =>
  html`<li><form method="post" action="/playground/${action}">${csrfField(session)}${extra}<button type="submit" class="${kind}">${label}</button></form><p class="hint">${hint}</p></li>`;

export const afterSteps = (t: Translator, session: PlaygroundSession): SafeHtml => {
  const tokens = session.tokens ?? {};
  return html`<section class="card" aria-labelledby="next"><h2 id="next">${t.t('steps.title')}</h2><ul class="steps">
${tokens.access_token === undefined ? '' : step(session, 'userinfo', t.t('steps.userinfo'), t.t('steps.userinfo.hint'))}
${tokens.refresh_token === undefined ? '' : step(session, 'refresh', t.t('steps.refresh'), t.t('steps.refresh.hint'))}
${session.spentRefreshToken === undefined ? '' : step(session, 'replay', t.t('steps.replay'), t.t('steps.replay.hint'), 'danger')}
${tokens.access_token === undefined ? '' : step(session, 'revoke', t.t('steps.revoke_access'), t.t('steps.revoke_access.hint'), 'danger', html`<input type="hidden" name="token" value="access_token">`)}
${tokens.refresh_token === undefined ? '' : step(session, 'revoke', t.t('steps.revoke_refresh'), t.t('steps.revoke_refresh.hint'), 'danger', html`<input type="hidden" name="token" value="refresh_token">`)}
${tokens.id_token === undefined ? '' : step(session, 'logout', t.t('steps.logout'), t.t('steps.logout.hint'))}
</ul></section>`;
};

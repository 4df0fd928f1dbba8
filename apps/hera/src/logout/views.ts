/** The logout confirmation and the refusal of a sign-out form that did not come from this browser. */
import { html, type SafeHtml } from '@olympus/http';
import { decisionForm } from '../decision-form.ts';
import type { Translator } from '../i18n/translator.ts';

export const confirmationBody = (t: Translator, challenge: string, token: string, client: string | undefined, product: string): SafeHtml =>
  html`<h1>${client ? t.t('logout.heading.client', { client }) : t.t('logout.heading')}</h1>
<p>${t.t('logout.explain', { product })}</p>
${decisionForm('/logout', { logout_challenge: challenge, csrf_token: token }, { value: 'yes', label: t.t('logout.yes') }, { value: 'no', label: t.t('logout.no') })}`;

export const forbiddenBody = (t: Translator): SafeHtml =>
  html`<h1>${t.t('logout.forbidden.heading')}</h1>
<div role="alert"><p>${t.t('logout.forbidden.text')}</p></div>
<p class="links"><a href="/">${t.t('logout.forbidden.back')}</a></p>`;

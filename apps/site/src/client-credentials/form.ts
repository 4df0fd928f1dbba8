/**
 * The client credentials form. The secret field is always empty when the page is drawn, also after
 * a request: a secret is typed for one call and never echoed back (issue: "never echoed into the form").
 */
import { html, type SafeHtml } from '@olympus/http';
import type { Translator } from '../i18n/translator.ts';
import { AUTH_METHODS, type CredentialsForm } from './request.ts';

export const PATH = '/playground/client-credentials';

const text = (t: Translator, name: string, label: 'cc.client_id' | 'cc.scope' | 'cc.audience', hint: 'cc.client_id.hint' | 'cc.scope.hint' | 'cc.audience.hint', value: string, required = false): SafeHtml =>
  html`<label for="${name}">${t.t(label)}</label>
<input type="text" id="${name}" name="${name}" value="${value}" autocomplete="off" spellcheck="false" aria-describedby="${name}-hint"${required ? html` required` : ''}>
<p class="hint" id="${name}-hint">${t.t(hint)}</p>`;

export const credentialsForm = (t: Translator, form: Partial<CredentialsForm> = {}): SafeHtml => html`<form class="card" method="post" action="${PATH}">
${text(t, 'client_id', 'cc.client_id', 'cc.client_id.hint', form.clientId ?? '', true)}
<label for="client_secret">${t.t('cc.secret')}</label>
<input type="password" id="client_secret" name="client_secret" value="" autocomplete="off" aria-describedby="client_secret-hint" required>
<p class="hint" id="client_secret-hint">${t.t('cc.secret.hint')}</p>
${text(t, 'scope', 'cc.scope', 'cc.scope.hint', form.scope ?? '')}
${text(t, 'audience', 'cc.audience', 'cc.audience.hint', form.audience ?? '')}
<fieldset><legend>${t.t('cc.method')}</legend>
${AUTH_METHODS.map((m) => html`<label><input type="radio" name="auth_method" value="${m}" aria-describedby="auth-${m}-hint"${(form.method ?? 'client_secret_basic') === m ? html` checked` : ''}> <code>${m}</code></label>
<p class="hint" id="auth-${m}-hint">${t.t(`cc.method.${m}`)}</p>`)}
</fieldset>
<div class="actions"><button class="primary" type="submit">${t.t('cc.submit')}</button></div>
</form>`;

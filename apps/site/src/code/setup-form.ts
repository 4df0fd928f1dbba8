/**
 * The setup form: the client (the playground's own, or any client id and, for a confidential one, its
 * secret) and each optional authorization request parameter with a one-line explanation. The secret
 * field is never filled in: a held secret stays in the sealed session only.
 */
import { html, type SafeHtml } from '@olympus/http';
import type { MessageKey } from '../i18n/en.ts';
import type { Translator } from '../i18n/translator.ts';
import { csrfField } from '../session/csrf.ts';
import type { PlaygroundSession } from '../session/state.ts';
import { PARAMETERS, PROMPTS, RESPONSE_MODES, type Parameter, type Settings } from '../settings.ts';

const hinted = (name: string, label: string, hint: string, control: SafeHtml): SafeHtml =>
  html`<div class="field"><label for="f-${name}">${label}</label>${control}<p class="hint" id="h-${name}">${hint}</p></div>`;

const select = (name: string, value: string, options: readonly string[], none: string): SafeHtml =>
  html`<select id="f-${name}" name="${name}" aria-describedby="h-${name}">${options.map((o) => html`<option value="${o}"${o === value ? html` selected` : ''}>${o === '' ? none : o}</option>`)}</select>`;

const control = (t: Translator, name: Parameter, value: string): SafeHtml => {
  if (name === 'prompt') return select(name, value, PROMPTS, t.t('setup.not_sent'));
  if (name === 'response_mode') return select(name, value, RESPONSE_MODES, '');
  const type = name === 'max_age' ? 'number' : 'text';
  return html`<input type="${type}" id="f-${name}" name="${name}" value="${value}" aria-describedby="h-${name}"${type === 'number' ? html` min="0" inputmode="numeric"` : ''} autocomplete="off" spellcheck="false">`;
};

export const setupForm = (t: Translator, session: PlaygroundSession, settings: Settings): SafeHtml => {
  const holdsSecret = session.secret !== undefined && session.settings.client_id === settings.client_id;
  return html`<form method="post" action="/playground/authorize" class="card" aria-labelledby="setup-client">
${csrfField(session)}
<h2 id="setup-client">${t.t('setup.client')}</h2>
${hinted('client_id', t.t('setup.client_id'), t.t('setup.client_id.hint'), html`<input type="text" id="f-client_id" name="client_id" value="${settings.client_id}" aria-describedby="h-client_id" autocomplete="off" spellcheck="false" required>`)}
${hinted('client_secret', t.t('setup.client_secret'), t.t(holdsSecret ? 'setup.client_secret.held' : 'setup.client_secret.hint'), html`<input type="password" id="f-client_secret" name="client_secret" value="" aria-describedby="h-client_secret" autocomplete="off">`)}
<h2 id="setup-params">${t.t('setup.parameters')}</h2>
${PARAMETERS.map((name) => hinted(name, name, t.t(`param.${name}` as MessageKey), control(t, name, settings[name])))}
<div class="actions"><button type="submit" class="primary">${t.t('setup.submit')}</button></div>
</form>`;
};

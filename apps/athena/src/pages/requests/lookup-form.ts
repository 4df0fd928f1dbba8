/** The form that looks a challenge up (a GET: reading changes nothing), with its error at the field. */
import { html, type SafeHtml } from '@olympus/http';
import type { Translator } from '../../i18n/translator.ts';

export interface LookupInput {
  kind: 'login' | 'consent';
  challenge: string;
  error?: string;
}

export const lookupForm = (t: Translator, input: LookupInput): SafeHtml => {
  const describedBy = input.error ? 'challenge-hint challenge-error' : 'challenge-hint';
  return html`<form class="card" method="get" action="/requests/lookup">
<h2>${t.t('requests.lookup.heading')}</h2>
<fieldset><legend>${t.t('requests.filter.kind')}</legend>
${(['login', 'consent'] as const).map((k) => html`<label><input type="radio" name="kind" value="${k}"${input.kind === k ? html` checked` : html``}> ${t.t(`requests.kind.${k}`)}</label>`)}
</fieldset>
<div class="field"><label for="challenge">${t.t('requests.lookup.challenge')}</label>
<input id="challenge" type="text" name="challenge" value="${input.challenge}" autocomplete="off" spellcheck="false" aria-describedby="${describedBy}"${input.error ? html` aria-invalid="true"` : html``}>
<p class="hint" id="challenge-hint">${t.t('requests.lookup.hint')}</p>
${input.error ? html`<p class="error" id="challenge-error">${input.error}</p>` : html``}</div>
<button type="submit" class="primary">${t.t('requests.lookup.button')}</button>
</form>`;
};

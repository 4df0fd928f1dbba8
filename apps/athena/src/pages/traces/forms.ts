/** The Traces page's two GET forms: the search box that takes any id, and the filters of the recent traces. */
import { html, type SafeHtml } from '@olympus/http';
import type { Translator } from '../../i18n/translator.ts';
import type { RecentFilters } from './recent.ts';

export const searchForm = (t: Translator, q: string, error?: string): SafeHtml => {
  const describedBy = error ? 'trace-q-hint trace-q-error' : 'trace-q-hint';
  return html`<form class="search" method="get" action="/traces" role="search">
<label for="trace-q" class="visually-hidden">${t.t('traces.search.label')}</label>
<input id="trace-q" type="search" name="q" value="${q}" autocomplete="off" spellcheck="false" aria-describedby="${describedBy}"${error ? html` aria-invalid="true"` : html``}>
<button type="submit" class="primary">${t.t('traces.search.button')}</button>
<p class="hint" id="trace-q-hint">${t.t('traces.search.hint')}</p>
${error ? html`<p class="error" id="trace-q-error">${error}</p>` : html``}
</form>`;
};

const selected = (on: boolean): SafeHtml => (on ? html` selected` : html``);

export const filtersForm = (t: Translator, f: RecentFilters): SafeHtml => html`<form class="filters" method="get" action="/traces" aria-label="${t.t('traces.filter.label')}">
<div class="field"><label for="trace-client">${t.t('traces.filter.client')}</label>
<input id="trace-client" type="text" name="client" value="${f.client}" autocomplete="off" spellcheck="false"></div>
<div class="field"><label for="trace-identity">${t.t('traces.filter.identity')}</label>
<input id="trace-identity" type="text" name="identity" value="${f.identity}" autocomplete="off" spellcheck="false"></div>
<div class="field"><label for="trace-outcome">${t.t('traces.filter.outcome')}</label>
<select id="trace-outcome" name="outcome">
<option value=""${selected(f.outcome === '')}>${t.t('traces.filter.all')}</option>
<option value="ok"${selected(f.outcome === 'ok')}>${t.t('traces.filter.ok')}</option>
<option value="failed"${selected(f.outcome === 'failed')}>${t.t('traces.filter.failed')}</option>
</select></div>
<button type="submit" class="secondary">${t.t('traces.filter.button')}</button>
</form>`;

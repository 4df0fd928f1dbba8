/** Home: where the console's sections start. */
import { html, type SafeHtml } from '@olympus/http';
import type { Translator } from '../i18n/translator.ts';

export const homeBody = (t: Translator): SafeHtml => html`<h1>${t.t('home.heading')}</h1>
<ul class="counts">
<li><a href="/clients">${t.t('home.clients')}</a></li>
</ul>`;

/**
 * One finding of the diagnosis (packages/trace/src/diagnose/finding.ts): its cause code, what happened,
 * the evidence that shows it, the fix and its troubleshooting page (docs.ts).
 */
import { html, type SafeHtml } from '@olympus/http';
import type { TraceFinding } from '@olympus/trace';
import type { Translator } from '../../i18n/translator.ts';
import { docHref } from './docs.ts';
import { evidenceList } from './evidence.ts';

export const docLink = (docPage: string): SafeHtml => {
  const href = docHref(docPage);
  return href === undefined ? html`<code>${docPage}</code>` : html`<a href="${href}"><code>${docPage}</code></a>`;
};

export const findingBlock = (t: Translator, finding: TraceFinding): SafeHtml => {
  const heading = html`${t.t(finding.level === 'failure' ? 'traces.finding.cause' : 'traces.finding.notice')} <code>${finding.cause}</code>`;
  return html`<div class="finding ${finding.level}">
<h3>${heading}</h3>
<p>${finding.summary}</p>
${finding.evidence.length > 0 ? evidenceList(finding.evidence) : html``}
<p><strong>${t.t('traces.finding.fix')}</strong> ${finding.fix}</p>
<p>${t.t('traces.finding.docs')} ${docLink(finding.docPage)}</p>
</div>`;
};

/**
 * The log lines this node wrote under the trace id (HttpDeps.traceLogs: a ring of the newest lines
 * carrying a trace id, apps/server/src/trace-log-ring.ts), as the logger wrote them, redaction applied.
 */
import { html, type SafeHtml, type TraceLogLine, type TraceLogLines } from '@olympus/http';
import type { Translator } from '../../i18n/translator.ts';

const row = (t: Translator, line: TraceLogLine): SafeHtml => html`<tr>
<td data-label="${t.t('traces.logs.time')}" class="short">${line.time.slice(11, 23)}</td>
<td data-label="${t.t('traces.logs.level')}" class="short level-${line.level}">${line.level}</td>
<td data-label="${t.t('traces.logs.message')}">${line.msg}</td>
<td data-label="${t.t('traces.logs.fields')}"><code>${JSON.stringify(line.fields)}</code></td>
</tr>`;

/** The ring's size when it says so (the server's ring does), for the page to state what it keeps. */
const capacityOf = (logs: TraceLogLines): number | undefined =>
  'capacity' in logs && typeof logs.capacity === 'number' ? logs.capacity : undefined;

export const logLinesSection = (t: Translator, logs: TraceLogLines | undefined, traceId: string): SafeHtml => {
  const heading = html`<h2 id="logs">${t.t('traces.logs.heading')}</h2>`;
  if (logs === undefined) return html`${heading}\n<p>${t.t('traces.logs.off')}</p>`;
  const lines = logs.forTrace(traceId);
  const columns = (['time', 'level', 'message', 'fields'] as const).map((c) => html`<th scope="col"${c === 'time' || c === 'level' ? html` class="short"` : html``}>${t.t(`traces.logs.${c}`)}</th>`);
  return html`${heading}
<p class="hint">${t.t('traces.logs.hint', { lines: new Intl.NumberFormat(t.locale).format(capacityOf(logs) ?? 0) })}</p>
${lines.length === 0 ? html`<p>${t.t('traces.logs.none')}</p>` : html`<table class="logs"><thead><tr>${columns}</tr></thead><tbody>${lines.map((l) => row(t, l))}</tbody></table>`}`;
};

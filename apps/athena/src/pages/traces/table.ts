/** Traces as a table: when, client, identity, stops, outcome and the first failing stop, each opening its trace page. */
import { html, type SafeHtml } from '@olympus/http';
import { TRACE_STOPS } from '@olympus/trace';
import type { Translator } from '../../i18n/translator.ts';
import { instantText } from '../audit/when.ts';
import type { TraceSummary } from './summary.ts';

export const tracePath = (traceId: string): string => `/traces/${encodeURIComponent(traceId)}`;

const COLUMNS = ['time', 'client', 'identity', 'stops', 'outcome', 'failing'] as const;

const failingCell = (t: Translator, row: TraceSummary): SafeHtml => {
  const failing = row.failing;
  if (failing === undefined) return html`<span class="hint">${t.t('traces.none')}</span>`;
  return html`${TRACE_STOPS[failing.stop].number}. ${failing.stop}${failing.errorCode ? html` <code>${failing.errorCode}</code>` : html``}`;
};

const rowOf = (t: Translator, row: TraceSummary, labels: ReadonlyMap<string, string>): SafeHtml => {
  const cell = (column: (typeof COLUMNS)[number], content: unknown, className = ''): SafeHtml =>
    html`<td data-label="${t.t(`traces.col.${column}`)}"${className ? html` class="${className}"` : html``}>${content}</td>`;
  const identity = row.identityId === undefined ? html`<span class="hint">${t.t('traces.none')}</span>` : labels.get(row.identityId) ?? row.identityId;
  return html`<tr>
${cell('time', html`<a href="${tracePath(row.traceId)}">${instantText(t, row.startedAt)}<span class="visually-hidden"> ${t.t('traces.open')}</span></a>`)}
${cell('client', row.clientId === undefined ? html`<span class="hint">${t.t('traces.none')}</span>` : html`<code>${row.clientId}</code>`)}
${cell('identity', identity)}
${cell('stops', row.stops)}
${cell('outcome', t.t(`traces.outcome.${row.outcome}`), `outcome-${row.outcome}`)}
${cell('failing', failingCell(t, row))}
</tr>`;
};

export const tracesTable = (t: Translator, rows: readonly TraceSummary[], labels: ReadonlyMap<string, string>): SafeHtml =>
  html`<table class="ops traces"><thead><tr>${COLUMNS.map((c) => html`<th scope="col">${t.t(`traces.col.${c}`)}</th>`)}</tr></thead>
<tbody>${rows.map((row) => rowOf(t, row, labels))}</tbody></table>`;

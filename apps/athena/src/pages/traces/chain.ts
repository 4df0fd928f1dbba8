/**
 * The chain as an ordered list, what a screen reader reads instead of the timeline: per stop its
 * number, name, outcome, time and duration; under the failing stop the diagnosis' failure (cause,
 * summary, evidence, fix, troubleshooting page); every stop's ids and evidence behind a disclosure.
 */
import { html, type SafeHtml } from '@olympus/http';
import { TRACE_STOPS, type EvidenceLine, type TraceDiagnosis, type TraceEvent } from '@olympus/trace';
import type { Translator } from '../../i18n/translator.ts';
import { evidenceLines, evidenceList } from './evidence.ts';
import { findingBlock } from './finding.ts';

/** `12:00:01.123 UTC` of an RFC 3339 time in UTC, in a <time> element. */
export const clock = (time: string): SafeHtml => html`<time datetime="${time}">${time.slice(11, 23)} UTC</time>`;

const idLines = (event: TraceEvent): EvidenceLine[] =>
  ([
    ['request_id', event.requestId], ['error_id', event.errorId], ['client_id', event.clientId],
    ['identity_id', event.identityId], ['challenge_id', event.challengeId], ['flow_id', event.flowId],
  ] as const).flatMap(([label, value]) => (value === undefined ? [] : [{ label, value }]));

const failure = (t: Translator, diagnosis: TraceDiagnosis, event: TraceEvent): SafeHtml => {
  const findings = diagnosis.findings.filter((f) => f.level === 'failure' && f.eventId === event.id);
  if (findings.length === 0) return html`<p class="hint">${t.t('traces.finding.none')}</p>`;
  return html`${findings.map((f) => findingBlock(t, f))}`;
};

const stopItem = (t: Translator, diagnosis: TraceDiagnosis, event: TraceEvent): SafeHtml => {
  const failing = event.id === diagnosis.failingEventId;
  const number = TRACE_STOPS[event.stop].number;
  return html`<li class="stop outcome-${event.outcome}${failing ? ' failing' : ''}">
<p class="line"><strong>${event.stop}</strong> <span class="hint">(${t.t('traces.stop.number', { number })})</span> · <span class="outcome">${t.t(`traces.event.${event.outcome}`)}</span> · ${clock(event.time)} · ${t.t('traces.stop.duration', { ms: event.durationMs })}${failing ? html` · <strong class="failing-label">${t.t('traces.stop.failing')}</strong>` : html``}</p>
${event.errorCode ? html`<p>${t.t('traces.stop.error_code')} <code>${event.errorCode}</code></p>` : html``}
${failing ? failure(t, diagnosis, event) : html``}
<details${failing ? html` open` : html``}><summary>${t.t('traces.stop.evidence', { stop: event.stop })}</summary>
${evidenceList([...idLines(event), ...evidenceLines(event.evidence)])}
</details>
</li>`;
};

export const chainList = (t: Translator, events: readonly TraceEvent[], diagnosis: TraceDiagnosis): SafeHtml =>
  html`<ol class="chain">${events.map((event) => stopItem(t, diagnosis, event))}</ol>`;

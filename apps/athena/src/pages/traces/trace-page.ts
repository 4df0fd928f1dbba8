/**
 * /traces/<trace id>: one chain (docs/operations/tracing.md) — what it was (client, identity, when,
 * how long, outcome), the timeline, the stops as an ordered list with the diagnosis under the failing
 * stop, the notices, and the log lines this node wrote under the trace id.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { html, type HttpDeps, type SafeHtml } from '@olympus/http';
import { can } from '@olympus/identity';
import { diagnoseTrace, type TraceDiagnosis, type TraceEvent, type TraceStore } from '@olympus/trace';
import type { Translator } from '../../i18n/translator.ts';
import type { Admin } from '../../session/guard.ts';
import { instant } from '../audit/when.ts';
import { identityService, notFoundPage } from '../identities/lookup.ts';
import { chainList } from './chain.ts';
import { findingBlock } from './finding.ts';
import { identityLabels } from './labels.ts';
import { logLinesSection } from './log-lines.ts';
import { searchForm } from './forms.ts';
import { summarize, type TraceSummary } from './summary.ts';
import { timeline } from './timeline.ts';

const totalMs = (events: readonly TraceEvent[]): number => {
  const first = events[0];
  const last = events.at(-1);
  return first === undefined || last === undefined ? 0 : Date.parse(last.time) + last.durationMs - Date.parse(first.time);
};

const overview = (t: Translator, admin: Admin, summary: TraceSummary, events: readonly TraceEvent[], identity: string | undefined): SafeHtml => {
  const none = html`<span class="hint">${t.t('traces.none')}</span>`;
  const identityCell = summary.identityId === undefined ? none
    : can(admin.role, 'identities.read') ? html`<a href="/identities/${encodeURIComponent(summary.identityId)}">${identity ?? summary.identityId}</a>` : identity ?? summary.identityId;
  const item = (label: Parameters<Translator['t']>[0], value: unknown): SafeHtml => html`<dt>${t.t(label)}</dt><dd>${value}</dd>`;
  return html`<dl class="details">
${item('traces.col.outcome', html`<strong class="outcome-${summary.outcome}">${t.t(`traces.outcome.${summary.outcome}`)}</strong>`)}
${item('traces.col.client', summary.clientId === undefined ? none : html`<code>${summary.clientId}</code>`)}
${item('traces.col.identity', identityCell)}
${item('traces.detail.started', instant(t, summary.startedAt))}
${item('traces.detail.took', t.t('traces.stop.duration', { ms: totalMs(events) }))}
${item('traces.col.stops', summary.stops)}
</dl>`;
};

const notices = (t: Translator, diagnosis: TraceDiagnosis): SafeHtml => {
  const found = diagnosis.findings.filter((f) => f.level === 'notice');
  if (found.length === 0) return html``;
  return html`<h2>${t.t('traces.notices.heading')}</h2>
<ul class="plain notices">${found.map((f) => html`<li>${findingBlock(t, f)}</li>`)}</ul>`;
};

export const showTrace = async (deps: HttpDeps, store: TraceStore, req: FastifyRequest, reply: FastifyReply, admin: Admin): Promise<FastifyReply> => {
  const { t } = admin.page;
  const traceId = (req.params as { traceId: string }).traceId;
  const events = await store.listByTrace(traceId);
  if (events.length === 0) return notFoundPage(reply, admin, t.t('traces.not_found', { id: traceId }));
  const now = deps.ctx.now();
  const diagnosis = diagnoseTrace(events, now);
  const summary = summarize(events, now, diagnosis);
  const labels = await identityLabels(identityService(deps), [summary.identityId]);
  return admin.page.send(reply, t.t('traces.trace.title'), html`<h1>${t.t('traces.trace.title')} <code class="trace-id">${traceId}</code></h1>
<p><a href="/traces">${t.t('traces.back')}</a></p>
<div class="card">${overview(t, admin, summary, events, summary.identityId === undefined ? undefined : labels.get(summary.identityId))}</div>
<h2>${t.t('traces.chain.heading')}</h2>
${timeline(events, diagnosis.failingEventId)}
${chainList(t, events, diagnosis)}
${notices(t, diagnosis)}
${logLinesSection(t, deps.traceLogs, traceId)}
${searchForm(t, '')}`);
};

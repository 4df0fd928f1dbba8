/**
 * /traces: the search box and, below it, the recent traces. A search that names one trace opens it
 * (303 to its page), one that names several lists them, one that names none says so at the field.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { html, type HttpDeps, type SafeHtml } from '@olympus/http';
import type { TraceStore } from '@olympus/trace';
import type { Admin } from '../../session/guard.ts';
import type { Translator } from '../../i18n/translator.ts';
import { identityService } from '../identities/lookup.ts';
import { nextPageLink, queryParam } from '../lists.ts';
import { filtersForm, searchForm } from './forms.ts';
import { identityLabels } from './labels.ts';
import { recentTraces, SCANNED_EVENTS, type OutcomeFilter, type RecentFilters } from './recent.ts';
import { searchTraces } from './search.ts';
import { summarize } from './summary.ts';
import { tracePath, tracesTable } from './table.ts';

/** Traces a search lists at most (a client's or identity's newest); the filters below page further. */
const SEARCH_TRACES = 25;

const readFilters = (req: FastifyRequest): RecentFilters => {
  const outcome = queryParam(req, 'outcome');
  return { client: queryParam(req, 'client'), identity: queryParam(req, 'identity'), outcome: (outcome === 'ok' || outcome === 'failed' ? outcome : '') as OutcomeFilter };
};

const offsetOf = (req: FastifyRequest): number => {
  const page = Number(queryParam(req, 'page'));
  return Number.isSafeInteger(page) && page > 0 && page <= 2 * SCANNED_EVENTS ? page : 0;
};

const intro = (t: Translator): SafeHtml => html`<h1>${t.t('traces.title')}</h1>\n<p>${t.t('traces.intro')}</p>`;

const recentSection = async (deps: HttpDeps, store: TraceStore, req: FastifyRequest, t: Translator): Promise<SafeHtml> => {
  const filters = readFilters(req);
  const people = identityService(deps);
  const page = await recentTraces(store, people, filters, offsetOf(req), deps.ctx.now());
  const labels = await identityLabels(people, page.rows.map((r) => r.identityId));
  const body = page.unknownIdentity
    ? html`<p role="status">${t.t('traces.recent.unknown_identity', { identity: filters.identity })}</p>`
    : page.rows.length === 0 ? html`<p>${t.t('traces.recent.none')}</p>` : tracesTable(t, page.rows, labels);
  const next = page.next === undefined ? undefined : String(page.next);
  return html`<h2>${t.t('traces.recent.heading')}</h2>
<p class="hint">${t.t('traces.recent.hint', { events: new Intl.NumberFormat(t.locale).format(SCANNED_EVENTS) })}</p>
${filtersForm(t, filters)}
${body}
${nextPageLink('/traces', { ...filters }, next, t.t('traces.next'))}`;
};

const searchResults = async (deps: HttpDeps, store: TraceStore, q: string, t: Translator, traceIds: readonly string[], matchedAs: readonly string[]): Promise<SafeHtml> => {
  const now = deps.ctx.now();
  const shown = traceIds.slice(0, SEARCH_TRACES);
  const rows = (await Promise.all(shown.map((id) => store.listByTrace(id)))).filter((c) => c.length > 0).map((chain) => summarize(chain, now));
  const labels = await identityLabels(identityService(deps), rows.map((r) => r.identityId));
  const as = matchedAs.map((m) => t.t(`traces.matched.${m}` as Parameters<Translator['t']>[0])).join(', ');
  return html`<h2>${t.t('traces.results.heading')}</h2>
<p role="status">${t.t('traces.results.found', { count: traceIds.length, q, as })}${traceIds.length > shown.length ? ` ${t.t('traces.results.newest', { count: shown.length })}` : ''}</p>
${tracesTable(t, rows, labels)}`;
};

export const showTraces = async (deps: HttpDeps, store: TraceStore, req: FastifyRequest, reply: FastifyReply, admin: Admin): Promise<FastifyReply> => {
  const { t } = admin.page;
  const q = queryParam(req, 'q');
  if (q === '') return admin.page.send(reply, t.t('traces.title'), html`${intro(t)}\n${searchForm(t, '')}\n${await recentSection(deps, store, req, t)}`);
  const found = await searchTraces(store, identityService(deps), q);
  if (found.traceIds.length === 1) return reply.code(303).header('location', tracePath(found.traceIds[0]!)).send();
  if (found.traceIds.length === 0) {
    return admin.page.send(reply, t.t('traces.title'), html`${intro(t)}\n<div role="alert"><p>${t.t('traces.search.nothing', { q })}</p></div>
${searchForm(t, q, t.t('traces.search.nothing', { q }))}`, 404);
  }
  return admin.page.send(reply, t.t('traces.title'), html`${intro(t)}\n${searchForm(t, q)}\n${await searchResults(deps, store, q, t, found.traceIds, found.matchedAs)}`);
};

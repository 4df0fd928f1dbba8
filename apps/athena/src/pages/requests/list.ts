/**
 * Login & consent requests: the ones waiting for a UI, newest first, from the same core query as
 * GET /admin/oauth2/auth/requests/pending (challenges/pending.ts), with a kind filter, keyset paging
 * and a form to look up any challenge (lookup.ts).
 */
import type { FastifyRequest } from 'fastify';
import { html, openPageToken, sealPageToken, type SafeHtml } from '@olympus/http';
import { listPendingRequests, type OAuth2Context, type PendingFlowCursor, type PendingRequest } from '@olympus/oauth2';
import type { Translator } from '../../i18n/translator.ts';
import { nextPageLink, queryParam } from '../lists.ts';
import { relative } from '../audit/when.ts';
import { lookupForm } from './lookup-form.ts';

const PAGE_SIZE = 25;
const PAGE_ENDPOINT = 'athena-pending-requests';

const isCursor = (value: unknown): value is PendingFlowCursor =>
  typeof value === 'object' && value !== null &&
  typeof (value as PendingFlowCursor).requestedAt === 'number' && typeof (value as PendingFlowCursor).id === 'string';

const kindOf = (raw: string): 'login' | 'consent' | undefined => (raw === 'login' || raw === 'consent' ? raw : undefined);

export const lookupHref = (kind: string, challenge: string): string => `/requests/lookup?${new URLSearchParams({ kind, challenge })}`;

const row = (t: Translator, r: PendingRequest, now: number): SafeHtml => {
  const client = r.clientName || r.clientId;
  return html`<tr>
<td data-label="${t.t('requests.col.kind')}" class="keep">${t.t(`requests.kind.${r.kind}`)}</td>
<td data-label="${t.t('requests.col.client')}">${client}${r.clientName ? html` <code>${r.clientId}</code>` : html``}</td>
<td data-label="${t.t('requests.col.subject')}">${r.subject ?? html`<span class="hint">${t.t('requests.subject.unknown')}</span>`}</td>
<td data-label="${t.t('requests.col.age')}">${relative(t, r.requestedAt, now)}</td>
<td data-label="${t.t('requests.col.left')}">${relative(t, r.expiresAt, now)}</td>
<td data-label="${t.t('requests.col.challenge')}"><a href="${lookupHref(r.kind, r.challenge)}"><code>${r.challenge.slice(0, 12)}…</code><span class="visually-hidden"> ${t.t('requests.details', { kind: t.t(`requests.kind.${r.kind}`), client })}</span></a></td>
</tr>`;
};

const kindFilter = (t: Translator, kind: string): SafeHtml => html`<form class="filters" method="get" action="/requests">
<div class="field"><label for="requests-kind">${t.t('requests.filter.kind')}</label>
<select id="requests-kind" name="kind">
<option value=""${kind === '' ? html` selected` : html``}>${t.t('requests.filter.all')}</option>
${(['login', 'consent'] as const).map((k) => html`<option value="${k}"${kind === k ? html` selected` : html``}>${t.t(`requests.kind.${k}`)}</option>`)}
</select></div>
<button type="submit" class="secondary">${t.t('requests.filter.button')}</button>
</form>`;

export const requestsListBody = async (ctx: OAuth2Context, req: FastifyRequest, t: Translator): Promise<SafeHtml> => {
  const kind = kindOf(queryParam(req, 'kind'));
  const before = openPageToken(ctx.sealer, PAGE_ENDPOINT, queryParam(req, 'page') || undefined, isCursor);
  const { requests, next } = await listPendingRequests(ctx, { kind, pageSize: PAGE_SIZE, before });
  const now = ctx.now();
  const columns = (['kind', 'client', 'subject', 'age', 'left', 'challenge'] as const).map((c) => html`<th scope="col">${t.t(`requests.col.${c}`)}</th>`);
  const table = requests.length === 0
    ? html`<p>${t.t('requests.none')}</p>`
    : html`<table class="ops"><thead><tr>${columns}</tr></thead><tbody>${requests.map((r) => row(t, r, now))}</tbody></table>`;
  return html`<h1>${t.t('requests.title')}</h1>
<p>${t.t('requests.intro')}</p>
${kindFilter(t, kind ?? '')}
${table}
${nextPageLink('/requests', { kind: kind ?? '' }, next && sealPageToken(ctx.sealer, PAGE_ENDPOINT, next), t.t('requests.next'))}
${lookupForm(t, { kind: 'login', challenge: '' })}`;
};

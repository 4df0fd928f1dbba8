/** OAuth2 Clients: the list (name, client ID, type, grant types, created), a search, keyset paging. */
import type { FastifyRequest } from 'fastify';
import { html, openPageToken, sealPageToken, type SafeHtml } from '@olympus/http';
import type { OAuth2Client, OAuth2Context } from '@olympus/oauth2';
import type { Translator } from '../../i18n/translator.ts';
import { nextPageLink, queryParam } from '../lists.ts';

const PAGE_SIZE = 25;
const PAGE_ENDPOINT = 'athena-clients';

type Cursor = { createdAt: string; id: string };
const isCursor = (value: unknown): value is Cursor =>
  typeof value === 'object' && value !== null && typeof (value as Cursor).createdAt === 'string' && typeof (value as Cursor).id === 'string';

export const typeOf = (client: OAuth2Client): 'public' | 'confidential' => (client.token_endpoint_auth_method === 'none' ? 'public' : 'confidential');

const row = (t: Translator, c: OAuth2Client): SafeHtml => html`<tr>
<td data-label="${t.t('clients.col.name')}"><a href="/clients/${encodeURIComponent(c.client_id)}">${c.client_name || c.client_id}</a></td>
<td data-label="${t.t('clients.col.id')}"><code>${c.client_id}</code></td>
<td data-label="${t.t('clients.col.type')}">${t.t(`clients.type.${typeOf(c)}`)}</td>
<td data-label="${t.t('clients.col.grants')}">${c.grant_types.join(', ')}</td>
<td data-label="${t.t('clients.col.created')}">${String(c.created_at ?? '').slice(0, 10)}</td>
</tr>`;

/** A search matches a client ID exactly, else a client name exactly (the admin API's client_name filter). */
const findClients = async (ctx: OAuth2Context, search: string, after: Cursor | undefined) => {
  if (search !== '') {
    const byId = await ctx.clients.get(search);
    if (byId) return { clients: [byId.client], next: undefined };
  }
  return ctx.clients.list({ pageSize: PAGE_SIZE, after, clientName: search || undefined });
};

export const clientsListBody = async (ctx: OAuth2Context, req: FastifyRequest, t: Translator, canWrite: boolean): Promise<SafeHtml> => {
  const search = queryParam(req, 'q');
  const after = openPageToken(ctx.sealer, PAGE_ENDPOINT, queryParam(req, 'page') || undefined, isCursor);
  const { clients, next } = await findClients(ctx, search, after);
  const nextLink = nextPageLink('/clients', { q: search }, next && sealPageToken(ctx.sealer, PAGE_ENDPOINT, next), t.t('clients.next'));
  const table = clients.length === 0
    ? html`<p>${t.t('clients.none')}</p>`
    : html`<table><thead><tr><th scope="col">${t.t('clients.col.name')}</th><th scope="col">${t.t('clients.col.id')}</th><th scope="col">${t.t('clients.col.type')}</th><th scope="col">${t.t('clients.col.grants')}</th><th scope="col">${t.t('clients.col.created')}</th></tr></thead>
<tbody>${clients.map((c) => row(t, c))}</tbody></table>`;
  const deleted = queryParam(req, 'deleted');
  return html`<h1>${t.t('clients.title')}</h1>
${deleted ? html`<div role="status"><p>${t.t('clients.deleted', { name: deleted })}</p></div>` : html``}
<div class="actions">${canWrite ? html`<a class="button" href="/clients/new">${t.t('clients.new')}</a>` : html``}</div>
<form class="search" method="get" action="/clients" role="search">
<label for="client-search" class="visually-hidden">${t.t('clients.search')}</label>
<input id="client-search" type="search" name="q" value="${search}" placeholder="${t.t('clients.search')}">
<button type="submit" class="secondary">${t.t('clients.search_button')}</button>
</form>
${table}
${nextLink}`;
};

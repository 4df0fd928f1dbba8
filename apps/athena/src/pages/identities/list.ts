/**
 * Identities: a search (ID or identifier; or a trait or metadata field), the list in keyset pages
 * (identifier, name, state, schema, created), and for identities.write a checkbox per row whose
 * selection a bulk action takes to its confirmation page (a GET: nothing changes before the POST there).
 */
import type { FastifyRequest } from 'fastify';
import { html, openPageToken, sealPageToken, type HttpDeps, type SafeHtml } from '@olympus/http';
import { can, isUuid, type Identity } from '@olympus/identity';
import type { Translator } from '../../i18n/translator.ts';
import type { Admin } from '../../session/guard.ts';
import { nextPageLink, queryParam } from '../lists.ts';
import { displayName, identityLabel } from './label.ts';
import { identityService } from './lookup.ts';
import { doneNotice } from './notice.ts';
import { findIdentities, readSearch, searchFilters, type IdentitySearch } from './search.ts';
import { leaves, traitNodes, traitsSchemaOf } from './trait-fields.ts';

const PAGE_SIZE = 25;
const PAGE_ENDPOINT = 'athena-identities';

type Position = { after: string };
const isPosition = (value: unknown): value is Position => isUuid((value as Position | null)?.after);

const DONE = {
  deleted: 'identities.done.deleted',
  bulk_disable: 'identities.done.bulk_disable',
  bulk_delete: 'identities.done.bulk_delete',
  bulk_revoke_sessions: 'identities.done.bulk_revoke_sessions',
} as const;

/** Trait paths of the schemas, offered as the field's suggestions. */
const fieldSuggestions = (deps: HttpDeps): string[] =>
  [...new Set(identityService(deps).schemas.all().flatMap((s) => leaves(traitNodes(traitsSchemaOf(s.schema))).map((f) => f.name)))];

const searchForm = (t: Translator, s: IdentitySearch, suggestions: readonly string[], error: string | undefined): SafeHtml => html`<form class="search" method="get" action="/identities" role="search">
<label for="identity-search" class="visually-hidden">${t.t('identities.search')}</label>
<input id="identity-search" type="search" name="q" value="${s.q}" placeholder="${t.t('identities.search')}" aria-describedby="identity-search-hint">
<button type="submit" class="secondary">${t.t('identities.search_button')}</button>
<p class="hint" id="identity-search-hint">${t.t('identities.search.hint')}</p>
<details${s.field !== '' ? html` open` : html``}><summary>${t.t('identities.search.more')}</summary>
<div class="field"><label for="search-field">${t.t('identities.search.field')}</label>
<input id="search-field" type="text" name="field" value="${s.field}" list="trait-paths" aria-describedby="search-field-hint${error ? ' search-field-error' : ''}"${error ? html` aria-invalid="true"` : html``}>
<datalist id="trait-paths">${suggestions.map((path) => html`<option value="${path}"></option>`)}</datalist>
<p class="hint" id="search-field-hint">${t.t('identities.search.field_hint')}</p>
${error ? html`<p class="error" id="search-field-error">${t.t('identities.search.invalid', { reason: error })}</p>` : html``}</div>
<fieldset><legend>${t.t('identities.search.match')}</legend>
<label><input type="radio" name="match" value="exact"${s.match === 'exact' ? html` checked` : html``}> ${t.t('identities.search.exact')}</label>
<label><input type="radio" name="match" value="prefix"${s.match === 'prefix' ? html` checked` : html``}> ${t.t('identities.search.prefix')}</label>
</fieldset></details>
</form>`;

const row = (t: Translator, identity: Identity, selectable: boolean): SafeHtml => {
  const label = identityLabel(identity);
  return html`<tr>
${selectable ? html`<td data-label="${t.t('identities.col.select')}"><input type="checkbox" id="select-${identity.id}" name="ids.${identity.id}"><label class="visually-hidden" for="select-${identity.id}">${t.t('identities.select_one', { label })}</label></td>` : html``}
<td data-label="${t.t('identities.col.identifier')}"><a href="/identities/${identity.id}">${label}</a></td>
<td data-label="${t.t('identities.col.name')}">${displayName(identity)}</td>
<td data-label="${t.t('identities.col.state')}">${t.t(`identity.state.${identity.state}`)}</td>
<td data-label="${t.t('identities.col.schema')}">${identity.schema_id}</td>
<td data-label="${t.t('identities.col.created')}">${identity.created_at.slice(0, 10)}</td>
</tr>`;
};

const table = (t: Translator, identities: readonly Identity[], selectable: boolean): SafeHtml => html`<table><thead><tr>
${selectable ? html`<th scope="col">${t.t('identities.col.select')}</th>` : html``}<th scope="col">${t.t('identities.col.identifier')}</th><th scope="col">${t.t('identities.col.name')}</th><th scope="col">${t.t('identities.col.state')}</th><th scope="col">${t.t('identities.col.schema')}</th><th scope="col">${t.t('identities.col.created')}</th>
</tr></thead><tbody>${identities.map((i) => row(t, i, selectable))}</tbody></table>`;

/** The bulk actions the role may take; none, and the list has no checkboxes. */
const bulkButtons = (admin: Admin): SafeHtml[] => {
  const { t } = admin.page;
  const button = (action: string, label: string) => html`<button type="submit" class="secondary" name="action" value="${action}">${label}</button>`;
  return [
    ...(can(admin.role, 'identities.write') ? [button('disable', t.t('identities.bulk.disable')), button('delete', t.t('identities.bulk.delete'))] : []),
    ...(can(admin.role, 'sessions.write') ? [button('revoke_sessions', t.t('identities.bulk.revoke_sessions'))] : []),
  ];
};

export const identitiesListBody = async (deps: HttpDeps, req: FastifyRequest, admin: Admin): Promise<SafeHtml> => {
  const { t } = admin.page;
  const service = identityService(deps);
  const search = readSearch(req);
  const after = openPageToken(deps.ctx.sealer, PAGE_ENDPOINT, queryParam(req, 'page'), isPosition);
  const found = await findIdentities(service, search, PAGE_SIZE, after?.after);
  const buttons = bulkButtons(admin);
  const selectable = buttons.length > 0 && found.identities.length > 0;
  const list = found.identities.length === 0
    ? html`<p>${t.t('identities.none')}</p>`
    : selectable
      ? html`<form method="get" action="/identities/bulk"><fieldset class="bulk"><legend>${t.t('identities.bulk.legend')}</legend><div class="actions">${buttons}</div></fieldset>
${table(t, found.identities, true)}</form>`
      : table(t, found.identities, false);
  return html`<h1>${t.t('identities.title')}</h1>
${doneNotice(t, req, DONE)}
${can(admin.role, 'identities.write') ? html`<div class="actions"><a class="button" href="/identities/new">${t.t('identities.new')}</a></div>` : html``}
${searchForm(t, search, fieldSuggestions(deps), found.error)}
${list}
${nextPageLink('/identities', searchFilters(search), found.next && sealPageToken(deps.ctx.sealer, PAGE_ENDPOINT, { after: found.next }), t.t('identities.next'))}`;
};

/** The parts of an identity's page: its details, traits, metadata, verifiable addresses and credentials (never their secrets). */
import { html, type SafeHtml } from '@olympus/http';
import type { Identity } from '@olympus/identity';
import type { Translator } from '../../i18n/translator.ts';
import { instant } from '../audit/when.ts';
import { leaves, type TraitNode } from './trait-fields.ts';

const none = (t: Translator): SafeHtml => html`<span class="hint">${t.t('identity.none')}</span>`;

export const detailsCard = (t: Translator, identity: Identity): SafeHtml => html`<div class="card"><dl class="details">
<dt>${t.t('identity.id')}</dt><dd><code>${identity.id}</code></dd>
<dt>${t.t('identity.state')}</dt><dd>${t.t(`identity.state.${identity.state}`)} (${t.t('identity.state_changed')}: ${instant(t, identity.state_changed_at)})</dd>
<dt>${t.t('identity.schema')}</dt><dd>${identity.schema_id}</dd>
<dt>${t.t('identity.external_id')}</dt><dd>${identity.external_id || none(t)}</dd>
<dt>${t.t('identity.created')}</dt><dd>${instant(t, identity.created_at)}</dd>
<dt>${t.t('identity.updated')}</dt><dd>${instant(t, identity.updated_at)}</dd>
</dl></div>`;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every trait value with its path, nested objects flattened (`traits.name.first`). */
const flatten = (value: unknown, path: string): Array<[string, unknown]> =>
  isObject(value) ? Object.entries(value).flatMap(([key, child]) => flatten(child, `${path}.${key}`)) : [[path, value]];

const shown = (value: unknown): string =>
  typeof value === 'string' ? value : Array.isArray(value) && value.every((v) => typeof v === 'string') ? value.join(', ') : JSON.stringify(value);

/** Traits under the schema's titles (the path where the schema has none). */
export const traitsCard = (t: Translator, identity: Identity, nodes: readonly TraitNode[]): SafeHtml => {
  const titles = new Map(leaves(nodes).map((f) => [f.name, f.label]));
  const entries = flatten(identity.traits, 'traits');
  return html`<h2>${t.t('identity.traits')}</h2><div class="card">${entries.length === 0 ? none(t) : html`<dl class="details">${entries.map(([path, value]) =>
    html`<dt>${titles.get(path) ?? path}</dt><dd>${shown(value)}</dd>`)}</dl>`}</div>`;
};

const json = (t: Translator, value: unknown): SafeHtml =>
  value === null || value === undefined || (isObject(value) && Object.keys(value).length === 0) ? none(t) : html`<pre class="json">${JSON.stringify(value, null, 2)}</pre>`;

export const metadataCard = (t: Translator, identity: Identity): SafeHtml => html`<div class="card"><dl class="details">
<dt>${t.t('identity.metadata_public')}</dt><dd>${json(t, identity.metadata_public)}</dd>
<dt>${t.t('identity.metadata_admin')}</dt><dd>${json(t, identity.metadata_admin)}</dd>
</dl></div>`;

const addressStatus = (t: Translator, a: Identity['verifiable_addresses'][number]): SafeHtml =>
  a.verified
    ? html`${t.t('identity.address.status.completed')}${a.verified_at ? html` (${instant(t, a.verified_at)})` : html``}`
    : html`${t.t(`identity.address.status.${a.status === 'sent' ? 'sent' : 'pending'}`)}`;

export const addressesTable = (t: Translator, identity: Identity): SafeHtml => {
  const recovery = new Set(identity.recovery_addresses.map((r) => `${r.via}:${r.value}`));
  const rows = identity.verifiable_addresses;
  return html`<h2>${t.t('identity.addresses')}</h2>${rows.length === 0 ? html`<p>${t.t('identity.addresses.none')}</p>` : html`<table>
<thead><tr><th scope="col">${t.t('identity.address.value')}</th><th scope="col">${t.t('identity.address.via')}</th><th scope="col">${t.t('identity.address.status')}</th><th scope="col">${t.t('identity.address.recovery')}</th></tr></thead>
<tbody>${rows.map((a) => html`<tr>
<td data-label="${t.t('identity.address.value')}">${a.value}</td>
<td data-label="${t.t('identity.address.via')}">${a.via}</td>
<td data-label="${t.t('identity.address.status')}">${addressStatus(t, a)}</td>
<td data-label="${t.t('identity.address.recovery')}">${t.t(recovery.has(`${a.via}:${a.value}`) ? 'identity.yes' : 'identity.no')}</td>
</tr>`)}</tbody></table>`}`;
};

/** Types, identifiers and times; a credential's config (hashes, secrets) is never read here. */
export const credentialsTable = (t: Translator, identity: Identity): SafeHtml => {
  const credentials = Object.values(identity.credentials).filter((c) => c !== undefined);
  return html`<h2>${t.t('identity.credentials')}</h2><p class="hint">${t.t('identity.credentials.hint')}</p>${credentials.length === 0 ? html`<p>${t.t('identity.credentials.none')}</p>` : html`<table>
<thead><tr><th scope="col">${t.t('identity.credential.type')}</th><th scope="col">${t.t('identity.credential.identifiers')}</th><th scope="col">${t.t('identity.credential.created')}</th><th scope="col">${t.t('identity.credential.updated')}</th></tr></thead>
<tbody>${credentials.map((c) => html`<tr>
<td data-label="${t.t('identity.credential.type')}">${t.t(`identity.credential.${c.type}`)}</td>
<td data-label="${t.t('identity.credential.identifiers')}">${c.identifiers.length === 0 ? none(t) : c.identifiers.join(', ')}</td>
<td data-label="${t.t('identity.credential.created')}">${instant(t, c.created_at)}</td>
<td data-label="${t.t('identity.credential.updated')}">${instant(t, c.updated_at)}</td>
</tr>`)}</tbody></table>`}`;
};

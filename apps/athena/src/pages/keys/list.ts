/**
 * JSON Web Keys: every set with its keys newest first and where each stands in its rotation
 * (next, signing, retiring, retired, verification only; packages/oauth2/src/keys/states.ts), public
 * parts only. An administrator may rotate a set that has a signing key (rotate.ts).
 */
import type { FastifyRequest } from 'fastify';
import { html, type SafeHtml } from '@olympus/http';
import { listKeySetStatuses, type KeySetStatus, type KeyStatus, type OAuth2Context } from '@olympus/oauth2';
import type { Translator } from '../../i18n/translator.ts';
import { queryParam } from '../lists.ts';
import { instant, instantText } from '../audit/when.ts';

export const rotateHref = (set: string): string => `/keys/${encodeURIComponent(set)}/rotate`;

const COLUMNS = ['kid', 'alg', 'use', 'state', 'created', 'activates', 'replaced'] as const;

const row = (t: Translator, k: KeyStatus): SafeHtml => {
  const signs = k.state !== 'verification';
  return html`<tr>
<td data-label="${t.t('keys.col.kid')}"><code>${k.kid}</code></td>
<td data-label="${t.t('keys.col.alg')}" class="keep">${k.alg}</td>
<td data-label="${t.t('keys.col.use')}">${k.use}</td>
<td data-label="${t.t('keys.col.state')}" class="keep"><strong>${t.t(`keys.state.${k.state}`)}</strong></td>
<td data-label="${t.t('keys.col.created')}">${instant(t, k.createdAt)}</td>
<td data-label="${t.t('keys.col.activates')}">${signs ? instant(t, k.activatesAt) : t.t('keys.never_signs')}</td>
<td data-label="${t.t('keys.col.replaced')}">${!signs ? '' : k.replacedAt === undefined ? t.t('keys.not_replaced') : instant(t, k.replacedAt)}</td>
</tr>`;
};

const setSection = (t: Translator, s: KeySetStatus, index: number, canRotate: boolean): SafeHtml => {
  const rotatable = canRotate && s.keys.some((k) => k.state === 'signing');
  return html`<section class="card" aria-labelledby="key-set-${index}">
<h2 id="key-set-${index}"><code>${s.set}</code></h2>
${rotatable ? html`<div class="actions"><a class="button" href="${rotateHref(s.set)}">${t.t('keys.rotate', { set: s.set })}</a></div>` : html``}
<table class="ops"><thead><tr>${COLUMNS.map((c) => html`<th scope="col">${t.t(`keys.col.${c}`)}</th>`)}</tr></thead>
<tbody>${[...s.keys].reverse().map((k) => row(t, k))}</tbody></table>
</section>`;
};

/** The message after a rotation, named by the query the rotation redirected with, when that key exists. */
const rotatedNotice = (t: Translator, req: FastifyRequest, sets: readonly KeySetStatus[]): SafeHtml => {
  const [set, kid] = [queryParam(req, 'set'), queryParam(req, 'created')];
  const key = sets.find((s) => s.set === set)?.keys.find((k) => k.kid === kid);
  return key === undefined ? html`` : html`<div role="status"><p>${t.t('keys.rotated', { kid, set, when: instantText(t, key.activatesAt) })}</p></div>`;
};

export const keysListBody = async (ctx: OAuth2Context, req: FastifyRequest, t: Translator, canRotate: boolean): Promise<SafeHtml> => {
  const sets = await listKeySetStatuses(ctx);
  return html`<h1>${t.t('keys.title')}</h1>
${rotatedNotice(t, req, sets)}
<p>${t.t('keys.intro')}</p>
${sets.length === 0 ? html`<p>${t.t('keys.none')}</p>` : sets.map((s, index) => setSection(t, s, index, canRotate))}`;
};

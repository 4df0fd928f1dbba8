/**
 * The audit log newest first, filtered by actor, target and action (a whole action or a family),
 * in keyset pages — the same AuditStore.list as GET /admin/audit-events (packages/http/src/admin/audit-events.ts).
 */
import type { FastifyRequest } from 'fastify';
import type { AuditCursor, AuditStore } from '@olympus/audit';
import { html, openPageToken, sealPageToken, type SafeHtml } from '@olympus/http';
import type { OAuth2Context } from '@olympus/oauth2';
import type { Translator } from '../../i18n/translator.ts';
import { eventRow } from './events.ts';
import { actionFilterOf, filtersForm, filtersOf } from './filters.ts';
import { nextPageLink, queryParam } from '../lists.ts';

const PAGE_SIZE = 25;
const PAGE_ENDPOINT = 'athena-audit-events';
const COLUMNS = ['time', 'actor', 'action', 'target', 'request', 'changes'] as const;

const isCursor = (value: unknown): value is AuditCursor =>
  typeof value === 'object' && value !== null &&
  Number.isSafeInteger((value as AuditCursor).time) && Number.isSafeInteger((value as AuditCursor).seq);

export const auditListBody = async (ctx: OAuth2Context, audit: AuditStore, req: FastifyRequest, t: Translator): Promise<{ body: SafeHtml; status: number }> => {
  const filters = filtersOf(req);
  const { filter: action, invalid } = actionFilterOf(filters.action);
  const heading = html`<h1>${t.t('audit.title')}</h1>
<p>${t.t('audit.intro')}</p>`;
  if (invalid) return { body: html`${heading}<div role="alert"><p>${t.t('audit.filter.invalid_action')}</p></div>${filtersForm(t, filters, true)}`, status: 400 };
  const before = openPageToken(ctx.sealer, PAGE_ENDPOINT, queryParam(req, 'page') || undefined, isCursor);
  const page = await audit.list({ actor: filters.actor || undefined, targetId: filters.target || undefined, action, before, limit: PAGE_SIZE });
  const table = page.events.length === 0
    ? html`<p>${t.t('audit.none')}</p>`
    : html`<table class="ops"><thead><tr>${COLUMNS.map((c) => html`<th scope="col">${t.t(`audit.col.${c}`)}</th>`)}</tr></thead>
<tbody>${page.events.map((e) => eventRow(t, e))}</tbody></table>`;
  const next = page.next && sealPageToken(ctx.sealer, PAGE_ENDPOINT, page.next);
  return { body: html`${heading}
${filtersForm(t, filters, false)}
${table}
${nextPageLink('/audit', { ...filters }, next, t.t('audit.next'))}`, status: 200 };
};

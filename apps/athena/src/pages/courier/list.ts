/**
 * The courier: outgoing messages newest first (recipient, template, status, attempts, last error,
 * time) with status and recipient filters and keyset paging — the same store query as
 * GET /admin/courier/messages (packages/http/src/identity/admin-courier.ts). With no SMTP server
 * configured the queued messages are the dev inbox. Bodies are never shown (view.ts says why).
 */
import type { FastifyRequest } from 'fastify';
import { html, openPageToken, sealPageToken, type SafeHtml } from '@olympus/http';
import { COURIER_MESSAGE_STATUSES, isCourierMessageStatus, type CourierCursor, type CourierMessage, type IdentityContext } from '@olympus/identity';
import type { Translator } from '../../i18n/translator.ts';
import { nextPageLink, queryParam } from '../lists.ts';
import { instant } from '../audit/when.ts';

const PAGE_SIZE = 25;
const PAGE_ENDPOINT = 'athena-courier-messages';

const isCursor = (value: unknown): value is CourierCursor =>
  typeof value === 'object' && value !== null &&
  Number.isSafeInteger((value as CourierCursor).createdAt) && typeof (value as CourierCursor).id === 'string';

/** The error of the newest failed delivery attempt, if any. */
export const lastErrorOf = (message: CourierMessage): string =>
  message.dispatches.filter((d) => d.status === 'failed').at(-1)?.error?.message ?? '';

const row = (t: Translator, m: CourierMessage): SafeHtml => html`<tr>
<td data-label="${t.t('courier.col.recipient')}">${m.recipient}</td>
<td data-label="${t.t('courier.col.subject')}"><a href="/courier/${encodeURIComponent(m.id)}">${m.subject}</a></td>
<td data-label="${t.t('courier.col.template')}"><code>${m.template_type}</code></td>
<td data-label="${t.t('courier.col.status')}" class="keep">${t.t(`courier.status.${m.status}`)}</td>
<td data-label="${t.t('courier.col.attempts')}">${m.send_count}</td>
<td data-label="${t.t('courier.col.error')}">${lastErrorOf(m)}</td>
<td data-label="${t.t('courier.col.time')}">${instant(t, m.created_at)}</td>
</tr>`;

const filters = (t: Translator, status: string, recipient: string): SafeHtml => html`<form class="filters" method="get" action="/courier" role="search">
<div class="field"><label for="courier-status">${t.t('courier.filter.status')}</label>
<select id="courier-status" name="status">
<option value=""${status === '' ? html` selected` : html``}>${t.t('courier.filter.all')}</option>
${COURIER_MESSAGE_STATUSES.map((s) => html`<option value="${s}"${status === s ? html` selected` : html``}>${t.t(`courier.status.${s}`)}</option>`)}
</select></div>
<div class="field"><label for="courier-recipient">${t.t('courier.filter.recipient')}</label>
<input id="courier-recipient" type="search" name="recipient" value="${recipient}"></div>
<button type="submit" class="secondary">${t.t('courier.filter.button')}</button>
</form>`;

export const courierListBody = async (identity: IdentityContext, req: FastifyRequest, t: Translator): Promise<SafeHtml> => {
  const rawStatus = queryParam(req, 'status');
  const status = isCourierMessageStatus(rawStatus) ? rawStatus : undefined;
  const recipient = queryParam(req, 'recipient');
  const after = openPageToken(identity.sealer, PAGE_ENDPOINT, queryParam(req, 'page') || undefined, isCursor);
  const page = await identity.storage.courier.list({ limit: PAGE_SIZE, status, recipient: recipient || undefined, after });
  const columns = (['recipient', 'subject', 'template', 'status', 'attempts', 'error', 'time'] as const).map((c) => html`<th scope="col">${t.t(`courier.col.${c}`)}</th>`);
  const table = page.messages.length === 0
    ? html`<p>${t.t('courier.none')}</p>`
    : html`<table class="ops"><thead><tr>${columns}</tr></thead><tbody>${page.messages.map((m) => row(t, m))}</tbody></table>`;
  const inbox = identity.config.courier.smtpConnectionUri === '' ? html`<div role="status"><p>${t.t('courier.inbox')}</p></div>` : html``;
  return html`<h1>${t.t('courier.title')}</h1>
<p>${t.t('courier.intro')}</p>
${inbox}
${filters(t, status ?? '', recipient)}
${table}
${nextPageLink('/courier', { status: status ?? '', recipient }, page.next && sealPageToken(identity.sealer, PAGE_ENDPOINT, page.next), t.t('courier.next'))}`;
};

/**
 * One courier message without its body: recipient, subject, template, status and every delivery
 * attempt with its error. The body holds live one-time codes (packages/identity/src/admin-roles.ts);
 * a console read of it would be a sensitive read, and the audit log's vocabulary
 * (packages/audit/src/actions.ts) has no action to record one, so the console does not show it.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { html, type SafeHtml } from '@olympus/http';
import type { CourierDispatch, CourierMessage, IdentityContext } from '@olympus/identity';
import type { Translator } from '../../i18n/translator.ts';
import type { Admin } from '../../session/guard.ts';
import { instant } from '../audit/when.ts';

const dispatchRow = (t: Translator, d: CourierDispatch): SafeHtml => html`<tr>
<td data-label="${t.t('courier.dispatch.time')}">${instant(t, d.created_at)}</td>
<td data-label="${t.t('courier.dispatch.status')}">${t.t(d.status === 'failed' ? 'courier.dispatch.failed' : 'courier.dispatch.success')}</td>
<td data-label="${t.t('courier.dispatch.error')}">${d.error?.message ?? ''}</td>
</tr>`;

const dispatches = (t: Translator, m: CourierMessage): SafeHtml => (m.dispatches.length === 0
  ? html`<p>${t.t('courier.dispatches.none')}</p>`
  : html`<table class="ops"><thead><tr><th scope="col">${t.t('courier.dispatch.time')}</th><th scope="col">${t.t('courier.dispatch.status')}</th><th scope="col">${t.t('courier.dispatch.error')}</th></tr></thead>
<tbody>${m.dispatches.map((d) => dispatchRow(t, d))}</tbody></table>`);

const details = (t: Translator, m: CourierMessage): SafeHtml => html`<dl class="details">
<dt>${t.t('courier.detail.id')}</dt><dd><code>${m.id}</code></dd>
<dt>${t.t('courier.col.recipient')}</dt><dd>${m.recipient}</dd>
<dt>${t.t('courier.col.subject')}</dt><dd>${m.subject}</dd>
<dt>${t.t('courier.col.template')}</dt><dd><code>${m.template_type}</code></dd>
<dt>${t.t('courier.col.status')}</dt><dd>${t.t(`courier.status.${m.status}`)}</dd>
<dt>${t.t('courier.col.attempts')}</dt><dd>${m.send_count}</dd>
<dt>${t.t('courier.col.time')}</dt><dd>${instant(t, m.created_at)}</dd>
<dt>${t.t('courier.detail.updated')}</dt><dd>${instant(t, m.updated_at)}</dd>
</dl>`;

export const showCourierMessage = async (identity: IdentityContext, req: FastifyRequest, reply: FastifyReply, admin: Admin): Promise<FastifyReply> => {
  const { t } = admin.page;
  const { id } = req.params as { id: string };
  const message = await identity.storage.courier.get(id);
  if (message === undefined) {
    return admin.page.send(reply, t.t('error.title'), html`<h1>${t.t('error.title')}</h1><div role="alert"><p>${t.t('courier.message.not_found', { id })}</p></div>
<p><a href="/courier">${t.t('courier.back')}</a></p>`, 404);
  }
  const title = t.t('courier.message.title', { recipient: message.recipient });
  return admin.page.send(reply, title, html`<h1>${title}</h1>
<div class="card">${details(t, message)}</div>
<p class="hint">${t.t('courier.message.body_withheld')}</p>
<h2>${t.t('courier.dispatches')}</h2>
${dispatches(t, message)}
<p><a href="/courier">${t.t('courier.back')}</a></p>`);
};

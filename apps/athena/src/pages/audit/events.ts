/**
 * One audit event as a table row: time, actor, action, target, request id and what changed. The
 * diff and details come redacted from the store (@olympus/audit masks secrets before an event is
 * stored, docs/security.md AS-46), so they are shown as they are, escaped.
 */
import { html, type SafeHtml } from '@olympus/http';
import type { AuditEvent, AuditFieldChange } from '@olympus/audit';
import type { Translator } from '../../i18n/translator.ts';
import { instant } from './when.ts';

const filterHref = (name: 'actor' | 'target' | 'action', value: string): string => `/audit?${new URLSearchParams({ [name]: value })}`;

const valueOf = (t: Translator, value: unknown, present: boolean): SafeHtml =>
  present ? html`<code>${JSON.stringify(value)}</code>` : html`<span class="hint">${t.t('audit.value.absent')}</span>`;

/** A field set where there was none reads `/path = value`; a changed or removed one `/path: before → after`. */
const change = (t: Translator, c: AuditFieldChange): SafeHtml => ('before' in c
  ? html`<li><code>${c.path || '/'}</code>: ${valueOf(t, c.before, true)} → ${valueOf(t, c.after, 'after' in c)}</li>`
  : html`<li><code>${c.path || '/'}</code> = ${valueOf(t, c.after, true)}</li>`);

/** Beyond this many lines (a creation lists every field) the changes fold into a disclosure, open without JavaScript. */
const FOLD_AFTER = 4;

const changes = (t: Translator, e: AuditEvent): SafeHtml => {
  const details = Object.entries(e.details ?? {}).map(([name, value]) => html`<li>${name}: <code>${JSON.stringify(value)}</code></li>`);
  const lines = [...e.diff.map((c) => change(t, c)), ...details];
  if (lines.length === 0) return html`<span class="hint">${t.t('audit.changes.none')}</span>`;
  const list = html`<ul class="diff">${lines}</ul>`;
  return lines.length <= FOLD_AFTER ? list : html`<details><summary>${t.t('audit.changes.count', { count: lines.length })}</summary>${list}</details>`;
};

export const eventRow = (t: Translator, e: AuditEvent): SafeHtml => html`<tr>
<td data-label="${t.t('audit.col.time')}">${instant(t, e.time)}</td>
<td data-label="${t.t('audit.col.actor')}"><a href="${filterHref('actor', e.actor.id)}">${e.actor.label || e.actor.id}</a> <span class="hint">(${t.t(`audit.actor.${e.actor.kind}`)})</span></td>
<td data-label="${t.t('audit.col.action')}" class="keep"><a href="${filterHref('action', e.action)}"><code>${e.action}</code></a>${e.outcome === 'failure' ? html` <strong>${t.t('audit.outcome.failure')}</strong>` : html``}</td>
<td data-label="${t.t('audit.col.target')}"><a href="${filterHref('target', e.target.id)}">${e.target.label || e.target.id}</a> <span class="hint">${e.target.type}${e.target.label ? html` <code>${e.target.id}</code>` : html``}</span></td>
<td data-label="${t.t('audit.col.request')}">${e.requestId ? html`<code>${e.requestId}</code>` : ''}</td>
<td data-label="${t.t('audit.col.changes')}">${changes(t, e)}</td>
</tr>`;

/**
 * The audit log's filters: actor id, target id, and an action — a whole action or a family
 * (`client`, `client.secret`), read like GET /admin/audit-events reads it (readActionFilter).
 */
import type { FastifyRequest } from 'fastify';
import { html, type SafeHtml } from '@olympus/http';
import { AUDIT_ACTIONS, readActionFilter } from '@olympus/audit';
import type { Translator } from '../../i18n/translator.ts';
import { queryParam } from '../lists.ts';

export interface AuditFilters {
  actor: string;
  target: string;
  /** As given; '' for every action. */
  action: string;
}

const ACTIONS = Object.keys(AUDIT_ACTIONS).sort();

/** Every family an action belongs to (`client.secret.rotate` → `client`, `client.secret`), once each. */
const FAMILIES = [...new Set(ACTIONS.flatMap((action) => action.split('.').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('.'))))].sort();

export const filtersOf = (req: FastifyRequest): AuditFilters => ({ actor: queryParam(req, 'actor'), target: queryParam(req, 'target'), action: queryParam(req, 'action') });

/** The store's action filter, or undefined for every action; `invalid` when it is neither an action nor a family. */
export const actionFilterOf = (action: string): { filter?: string; invalid: boolean } => {
  if (action === '') return { invalid: false };
  const filter = readActionFilter(action);
  return filter === undefined ? { invalid: true } : { filter, invalid: false };
};

const textField = (t: Translator, name: 'actor' | 'target', value: string): SafeHtml => html`<div class="field"><label for="audit-${name}">${t.t(`audit.filter.${name}`)}</label>
<input id="audit-${name}" type="search" name="${name}" value="${value}" aria-describedby="audit-${name}-hint">
<p class="hint" id="audit-${name}-hint">${t.t(`audit.filter.${name}.hint`)}</p></div>`;

const option = (value: string, label: string, chosen: string): SafeHtml =>
  html`<option value="${value}"${value === chosen ? html` selected` : html``}>${label}</option>`;

export const filtersForm = (t: Translator, f: AuditFilters, invalidAction: boolean): SafeHtml => {
  const known = f.action === '' || ACTIONS.includes(f.action) || FAMILIES.includes(f.action);
  return html`<form class="card filters" method="get" action="/audit" role="search">
${textField(t, 'actor', f.actor)}
${textField(t, 'target', f.target)}
<div class="field"><label for="audit-action">${t.t('audit.filter.action')}</label>
<select id="audit-action" name="action"${invalidAction ? html` aria-invalid="true" aria-describedby="audit-action-error"` : html``}>
${option('', t.t('audit.filter.action.all'), f.action)}
${known ? html`` : option(f.action, f.action, f.action)}
${FAMILIES.map((family) => option(family, t.t('audit.filter.family', { family }), f.action))}
${ACTIONS.map((action) => option(action, action, f.action))}
</select>
${invalidAction ? html`<p class="error" id="audit-action-error">${t.t('audit.filter.invalid_action')}</p>` : html``}</div>
<div class="actions"><button type="submit" class="primary">${t.t('audit.filter.button')}</button> <a href="/audit">${t.t('audit.filter.clear')}</a></div>
</form>`;
};

/**
 * A table of identity sessions, for the Sessions list and an identity's page: identity, state,
 * assurance level, devices, when it signed in and when it expires, and (for sessions.write) the way
 * to revoke it behind a confirmation page.
 */
import { html, type SafeHtml } from '@olympus/http';
import type { Identity, Session } from '@olympus/identity';
import type { Translator } from '../../i18n/translator.ts';
import { relative } from '../audit/when.ts';
import { identityLabel } from '../identities/label.ts';

export interface SessionRow {
  session: Session;
  /** Absent when the identity is gone (deleted while its session row remains). */
  identity?: Identity;
}

export interface SessionTableOptions {
  t: Translator;
  now: number;
  /** The Sessions list shows whose each session is; an identity's page does not. */
  withIdentity: boolean;
  canRevoke: boolean;
  /** Where a revocation returns: the identity's page or the Sessions list. */
  back: 'identity' | 'sessions';
}

export type SessionState = 'active' | 'expired' | 'revoked';

export const stateOf = (session: Session, now: number): SessionState =>
  !session.active ? 'revoked' : Date.parse(session.expires_at) <= now ? 'expired' : 'active';

const ago = (o: SessionTableOptions, iso: string): SafeHtml => html`<time datetime="${iso}">${relative(o.t, Date.parse(iso), o.now)}</time>`;

export const devicesOf = (t: Translator, session: Session): SafeHtml =>
  session.devices.length === 0
    ? html`${t.t('sessions.device.unknown')}`
    : html`<ul class="plain">${session.devices.map((d) => html`<li>${d.user_agent || t.t('sessions.device.unknown')}${d.ip_address ? html` (${d.ip_address})` : html``}</li>`)}</ul>`;

const whose = (o: SessionTableOptions, row: SessionRow): SafeHtml =>
  row.identity ? html`<a href="/identities/${row.identity.id}">${identityLabel(row.identity)}</a>` : html`${o.t.t('sessions.identity.gone')}`;

const actions = (o: SessionTableOptions, row: SessionRow, label: string): SafeHtml => {
  const { t } = o;
  const query = o.back === 'identity' ? '?back=identity' : '';
  const revoke = stateOf(row.session, o.now) === 'revoked'
    ? html``
    : html`<li><a href="/sessions/${row.session.id}/revoke${query}">${t.t('sessions.revoke')}<span class="visually-hidden"> ${t.t('sessions.revoke.of', { label })}</span></a></li>`;
  const all = o.withIdentity && row.identity
    ? html`<li><a href="/identities/${row.identity.id}/sessions/revoke">${t.t('sessions.revoke_all')}<span class="visually-hidden">: ${t.t('sessions.revoke_all.of', { label })}</span></a></li>`
    : html``;
  return html`<td class="short" data-label="${t.t('sessions.col.actions')}"><ul class="plain">${revoke}${all}</ul></td>`;
};

const row = (o: SessionTableOptions, r: SessionRow): SafeHtml => {
  const { t } = o;
  const label = r.identity ? identityLabel(r.identity) : t.t('sessions.identity.gone');
  const state = stateOf(r.session, o.now);
  return html`<tr>
${o.withIdentity ? html`<td data-label="${t.t('sessions.col.identity')}">${whose(o, r)}</td>` : html``}
<td class="short" data-label="${t.t('sessions.col.state')}">${t.t(`sessions.state.${state}`)}</td>
<td data-label="${t.t('sessions.col.aal')}">${t.t(`sessions.aal.${r.session.authenticator_assurance_level}`)}</td>
<td data-label="${t.t('sessions.col.devices')}">${devicesOf(t, r.session)}</td>
<td class="short" data-label="${t.t('sessions.col.signed_in')}">${ago(o, r.session.authenticated_at)}</td>
<td class="short" data-label="${t.t('sessions.col.expires')}">${ago(o, r.session.expires_at)}</td>
${o.canRevoke ? actions(o, r, label) : html``}
</tr>`;
};

export const sessionsTable = (o: SessionTableOptions, rows: readonly SessionRow[]): SafeHtml => {
  const { t } = o;
  const heads = [
    ...(o.withIdentity ? [t.t('sessions.col.identity')] : []), t.t('sessions.col.state'), t.t('sessions.col.aal'), t.t('sessions.col.devices'),
    t.t('sessions.col.signed_in'), t.t('sessions.col.expires'), ...(o.canRevoke ? [t.t('sessions.col.actions')] : []),
  ];
  return html`<table><thead><tr>${heads.map((h) => html`<th scope="col" class="short">${h}</th>`)}</tr></thead>
<tbody>${rows.map((r) => row(o, r))}</tbody></table>`;
};

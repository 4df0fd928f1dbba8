/**
 * A token on a playground page: its header and payload as tables with each claim explained and
 * times made readable, then its checks as a list. Each check shows ✔ / ✖ / – for the eye and the
 * word "passed" / "failed" / "not applicable" for everyone, screen readers included.
 */
import { html, type SafeHtml } from '@olympus/http';
import type { Translator } from '../i18n/translator.ts';
import type { CheckStatus, TokenCheck } from './check.ts';
import { explainClaims, explainHeader, type ClaimRow } from './claims.ts';
import { decodeToken } from './decode.ts';
import { formatUtc, relativeTime } from './time.ts';

export interface TokenView {
  /** The heading, e.g. "ID token". */
  title: string;
  token: string;
  checks?: readonly TokenCheck[];
  /** Epoch milliseconds the relative times count from (ctx.now()). */
  now: number;
  /** The level of the token's heading (its parts are one below); 2 by default. */
  level?: 2 | 3;
}

const timeText = (t: Translator, seconds: number, now: number): string => `${formatUtc(seconds)} (${relativeTime(t.locale, seconds, now)})`;

const heading = (level: number, text: string): SafeHtml => html`<h${level}>${text}</h${level}>`;

const claimTable = (t: Translator, caption: string, rows: readonly ClaimRow[], now: number): SafeHtml => html`<table>
<caption class="muted">${caption}</caption>
<thead><tr><th scope="col">${t.t('tokens.table.claim')}</th><th scope="col">${t.t('tokens.table.value')}</th><th scope="col">${t.t('tokens.table.meaning')}</th></tr></thead>
<tbody>${rows.map((row) => html`<tr><th scope="row"><code>${row.name}</code></th><td><code>${row.value}</code>${row.time === undefined ? '' : html`<br><span class="muted">${timeText(t, row.time, now)}</span>`}</td><td>${row.meaning === undefined ? html`<span class="muted">${t.t('tokens.claim.other')}</span>` : t.t(row.meaning)}</td></tr>`)}</tbody>
</table>`;

const MARKS: Readonly<Record<CheckStatus, { mark: string; css: string; word: 'tokens.status.ok' | 'tokens.status.failed' | 'tokens.status.not_applicable' }>> = {
  ok: { mark: '✔', css: 'ok', word: 'tokens.status.ok' },
  failed: { mark: '✖', css: 'fail', word: 'tokens.status.failed' },
  not_applicable: { mark: '–', css: 'muted', word: 'tokens.status.not_applicable' },
};

const reasonOf = (t: Translator, check: TokenCheck, now: number): string => {
  const when = check.vars?.when;
  return t.t(check.reason, { ...check.vars, ...(typeof when === 'number' ? { when: timeText(t, when, now) } : {}) });
};

/** The checks as a list, with a one-line summary first: how many failed, or that none did. */
export const renderChecks = (t: Translator, checks: readonly TokenCheck[], now: number): SafeHtml => {
  const failedCount = checks.filter((c) => c.status === 'failed').length;
  const passedCount = checks.filter((c) => c.status === 'ok').length;
  // Nothing passed and nothing failed (an opaque token): the one "not applicable" line says it all.
  const summary = failedCount > 0
    ? html`<p class="fail">${t.t('tokens.summary.failed', { count: failedCount })}</p>`
    : passedCount > 0 ? html`<p class="ok">${t.t('tokens.summary.ok', { count: passedCount })}</p>` : html``;
  return html`${summary}<ul class="checks">${checks.map((check) => {
    const { mark, css, word } = MARKS[check.status];
    return html`<li data-check="${check.id}" data-status="${check.status}"><span class="${css}"><span aria-hidden="true">${mark}</span> ${t.t(word)}</span> · <strong>${t.t(`tokens.check.${check.id}`)}</strong>: ${reasonOf(t, check, now)} <span class="muted">(${check.source})</span></li>`;
  })}</ul>`;
};

export const renderToken = (t: Translator, view: TokenView): SafeHtml => {
  const level = view.level ?? 2;
  const decoded = decodeToken(view.token);
  const body = decoded.kind === 'opaque'
    ? html`<p>${t.t(`tokens.opaque.${decoded.reason}`)}</p>`
    : html`${heading(level + 1, t.t('tokens.header'))}${claimTable(t, t.t('tokens.header.caption'), explainHeader(decoded.header), view.now)}
${heading(level + 1, t.t('tokens.payload'))}${claimTable(t, t.t('tokens.payload.caption'), explainClaims(decoded.payload), view.now)}`;
  const checks = view.checks === undefined || view.checks.length === 0 ? html`` : html`${heading(level + 1, t.t('tokens.checks'))}${renderChecks(t, view.checks, view.now)}`;
  return html`<section class="card token">${heading(level, view.title)}${body}${checks}</section>`;
};

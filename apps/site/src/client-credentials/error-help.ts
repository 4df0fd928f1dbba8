/**
 * A refused token request explained: the OAuth2 error (RFC 6749 §5.2) with its description and
 * hint as the server sent them, what usually causes it from this page, and its troubleshooting page
 * (docs/troubleshooting/<code>.md).
 */
import { html, troubleshootingUrl, type SafeHtml } from '@olympus/http';
import type { Translator } from '../i18n/translator.ts';

const ADVICE = {
  invalid_client: 'cc.advice.invalid_client',
  unauthorized_client: 'cc.advice.unauthorized_client',
  invalid_scope: 'cc.advice.invalid_scope',
  invalid_request: 'cc.advice.invalid_request',
} as const;

const text = (body: Record<string, unknown>, name: string): string | undefined => (typeof body[name] === 'string' ? (body[name] as string) : undefined);

export const errorHelp = (t: Translator, publicUrl: string, body: Record<string, unknown>): SafeHtml => {
  const code = text(body, 'error');
  if (code === undefined) return html``;
  const description = text(body, 'error_description');
  const hint = text(body, 'error_hint');
  const advice = ADVICE[code as keyof typeof ADVICE];
  const docs = /^[a-z0-9_]+$/.test(code) ? troubleshootingUrl(publicUrl.replace(/\/+$/, ''), code) : undefined;
  return html`<div class="card" role="alert"><h2>${t.t('cc.refused')}</h2>
<p><span class="fail"><span aria-hidden="true">✖</span> ${t.t('cc.error')}</span> <code>${code}</code>${description === undefined ? '' : html`: ${description}`}</p>
${hint === undefined ? '' : html`<p class="hint">${hint}</p>`}
${advice === undefined ? '' : html`<p>${t.t(advice)}</p>`}
${docs === undefined ? '' : html`<p><a href="${docs}">${t.t('cc.troubleshooting', { code })}</a></p>`}
</div>`;
};

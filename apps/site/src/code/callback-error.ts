/**
 * An error authorization response (RFC 6749 §4.1.2.1) explained: its code and description, what the
 * code usually means, its troubleshooting page (docs/troubleshooting/<code>.md, served on the public
 * origin) and where to read the trace of the client's refused request.
 */
import type { OAuth2Context } from '@olympus/oauth2';
import { html, troubleshootingUrl, type SafeHtml } from '@olympus/http';
import { athenaTraceUrl } from '../http-exchange-view.ts';
import type { MessageKey } from '../i18n/en.ts';
import type { Translator } from '../i18n/translator.ts';

/** The codes RFC 6749 §4.1.2.1 and OIDC Core §3.1.2.6 define; anything else is shown without an explanation. */
const EXPLAINED = new Set(['access_denied', 'invalid_request', 'unauthorized_client', 'unsupported_response_type', 'invalid_scope', 'server_error', 'temporarily_unavailable', 'login_required', 'consent_required', 'interaction_required']);

export const callbackError = (t: Translator, ctx: OAuth2Context, params: Readonly<Record<string, string>>, clientId: string): SafeHtml => {
  const code = params.error ?? '';
  const safeCode = /^[\w.-]{1,64}$/.test(code) ? code : 'invalid_request';
  const doc = troubleshootingUrl(ctx.config.serve.public.url.replace(/\/+$/, ''), safeCode);
  const athena = athenaTraceUrl(ctx.config, clientId);
  return html`<section class="card" role="alert" aria-labelledby="cb-error"><h2 id="cb-error">${t.t('callback.error.title', { error: code })}</h2>
${params.error_description === undefined ? '' : html`<p><strong>error_description:</strong> ${params.error_description}</p>`}
${EXPLAINED.has(code) ? html`<p>${t.t(`callback.error.${code}` as MessageKey)}</p>` : ''}
<p><a href="${doc}">${t.t('callback.error.doc', { error: safeCode })}</a></p>
<p class="hint">${t.t('callback.error.trace')}${athena === undefined ? '' : html` <a href="${athena}">${t.t('callback.error.trace_athena')}</a> ·`} <code>olympus trace ${clientId}</code></p>
</section>`;
};

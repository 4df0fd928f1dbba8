/**
 * The body of every error page Hera draws (identity errors at /error, OAuth2 errors that cannot go
 * back to the app): what failed, the ids that find the server's log line, the troubleshooting page
 * of the error's code. Never a stack trace; the hint and debug text only where the server exposes them.
 */
import { html, troubleshootingUrl, type SafeHtml } from '@olympus/http';
import type { Translator } from './i18n/translator.ts';

export interface ShownError {
  /** The error's code (OAuth2 `error` or the identity error id): names the troubleshooting page. */
  code: string;
  title: string;
  description: string;
  hint: string;
  debug?: string;
  /** A unique id of this occurrence, logged with it; the code when there is none. */
  errorId: string;
  /** The request that failed, when the page is shown by a later request (/error?id=). */
  failedRequestId?: string;
}

export const errorView = (t: Translator, shown: ShownError, requestId: string, docsBaseUrl: string): SafeHtml => {
  const docs = /^[a-z0-9_]+$/.test(shown.code) ? troubleshootingUrl(docsBaseUrl, shown.code) : undefined;
  return html`<h1>${t.t('error.heading')}</h1>
<div role="alert"><p><strong>${shown.title}</strong>: ${shown.description}</p>
${shown.hint ? html`<p>${shown.hint}</p>` : ''}</div>
${shown.debug ? html`<pre>${shown.debug}</pre>` : ''}
<dl>
<dt>${t.t('error.error_id')}</dt><dd><code id="error-id">${shown.errorId}</code></dd>
${shown.failedRequestId ? html`<dt>${t.t('error.failed_request_id')}</dt><dd><code id="failed-request-id">${shown.failedRequestId}</code></dd>` : ''}
<dt>${t.t('error.request_id')}</dt><dd><code id="request-id">${requestId}</code></dd>
</dl>
<p>${t.t('error.give_ids')}${docs ? html` <a href="${docs}">${t.t('error.how_to_fix', { code: shown.code })}</a>.` : ''}</p>`;
};

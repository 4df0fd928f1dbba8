/**
 * The request/response view of one call to this server's endpoint: the request with its secrets
 * redacted, the response with status, headers and body (JSON pretty-printed), its X-Request-Id and
 * the two ways to read its flow trace (docs/operations/tracing.md): Athena's Traces and `olympus trace`.
 */
import type { OlympusConfig } from '@olympus/config';
import { html, type SafeHtml } from '@olympus/http';
import type { Translator } from './i18n/translator.ts';
import type { HttpExchange } from './http-exchange.ts';

const pretty = (body: string): string => {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
};

const headerLines = (headers: ReadonlyArray<[string, string]>): string => headers.map(([n, v]) => `${n}: ${v}`).join('\n');

/** Athena's trace search for `id` (any id: request, error, client, …), when the console is served. */
export const athenaTraceUrl = (config: OlympusConfig, id: string): string | undefined =>
  config.athena.enabled ? `${config.serve.admin.url.replace(/\/+$/, '')}/traces?q=${encodeURIComponent(id)}` : undefined;

/** "X-Request-Id … · its trace in Athena · olympus trace …". */
export const traceLinks = (t: Translator, config: OlympusConfig, requestId: string): SafeHtml => {
  if (requestId === '') return html``;
  const athena = athenaTraceUrl(config, requestId);
  return html`<p class="hint">${t.t('exchange.request_id')} <code>${requestId}</code>${athena === undefined ? '' : html` · <a href="${athena}">${t.t('exchange.trace_athena')}</a>`} · ${t.t('exchange.trace_cli')} <code>olympus trace ${requestId}</code></p>`;
};

export const renderExchange = (t: Translator, config: OlympusConfig, exchange: HttpExchange, level: 2 | 3 = 3): SafeHtml => {
  const { request, response } = exchange;
  const h = (text: string) => (level === 2 ? html`<h2>${text}</h2>` : html`<h3>${text}</h3>`);
  const status = response.status < 400 ? 'ok' : 'fail';
  return html`<section class="exchange" aria-label="${t.t('exchange.label', { method: request.method, url: request.url })}">
${h(t.t('exchange.request'))}
<pre>${request.method} ${request.url}
${headerLines(request.headers)}${request.body === undefined ? '' : `\n\n${request.body}`}</pre>
${h(t.t('exchange.response'))}
<p>${t.t('exchange.status')} <span class="${status}">${String(response.status)}</span></p>
<pre>${headerLines(response.headers)}${response.body === '' ? '' : `\n\n${pretty(response.body)}`}</pre>
${traceLinks(t, config, exchange.requestId)}
</section>`;
};

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { OAuth2Error } from '@olympus/oauth2';
import { html, page } from './html.ts';
import { troubleshootingUrl } from './docs-link.ts';

export interface ErrorPageInput {
  err: OAuth2Error;
  errorId: string;
  requestId: string;
  exposeDebug: boolean;
  docsBaseUrl: string;
}

/**
 * The page a browser sees when Olympus must not redirect back to the client. It shows the error
 * id and request id, which find the server's log line, and the troubleshooting page for the code.
 */
export const renderErrorPage = ({ err, errorId, requestId, exposeDebug, docsBaseUrl }: ErrorPageInput): string =>
  page(
    'Error',
    html`<h1>Something went wrong</h1>
<p role="alert"><strong>${err.error}</strong>: ${err.description}</p>
${exposeDebug && err.hint ? html`<p>${err.hint}</p>` : ''}
${exposeDebug && err.debug ? html`<pre>${err.debug}</pre>` : ''}
<dl>
<dt>Error id</dt><dd><code id="error-id">${errorId}</code></dd>
<dt>Request id</dt><dd><code id="request-id">${requestId}</code></dd>
</dl>
<p>Give these ids to the application's developers: they find the matching line in Olympus' log.
<a href="${troubleshootingUrl(docsBaseUrl, err.error)}">How to fix <code>${err.error}</code></a>.</p>`,
  );

/** Renders the whole page; a UI served on the same origin (Hera) may replace the built-in one. */
export type ErrorPageRenderer = (req: FastifyRequest, input: ErrorPageInput) => string;

const renderers = new WeakMap<FastifyInstance, ErrorPageRenderer>();

/** Lets a route module (Hera) draw the error page in its own frame, language and branding. */
export const setErrorPageRenderer = (app: FastifyInstance, renderer: ErrorPageRenderer): void => {
  renderers.set(app, renderer);
};

export const errorPageRendererOf = (app: FastifyInstance): ErrorPageRenderer =>
  renderers.get(app) ?? ((_req, input) => renderErrorPage(input));

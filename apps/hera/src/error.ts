/**
 * GET /error: the identity server's error UI (selfservice.flows.error.ui_url, `?id=` a sealed error)
 * and OAuth2 errors passed as query parameters. Shows the error id, the request ids that find the log
 * lines, and the troubleshooting page of the error; never a stack.
 */
import type { FastifyInstance } from 'fastify';
import { IdentityError, openFlowError } from '@olympus/identity';
import { html, troubleshootingUrl, type HttpDeps } from '@olympus/http';
import { queryParam } from './send.ts';
import { shellFor } from './shell/shell.ts';

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

interface ShownError {
  errorId: string;
  title: string;
  description: string;
  hint: string;
  originalRequest: string;
}

export const registerErrorPage = (app: FastifyInstance, { identity }: HttpDeps): void => {
  if (identity === undefined) return;

  const sealedError = (sealedId: string): ShownError => {
    try {
      const { error } = openFlowError(identity, sealedId);
      const errorId = str(error.id) || 'error';
      return { errorId, title: str(error.status) || errorId, description: str(error.message), hint: str(error.reason), originalRequest: str(error.request) };
    } catch (err) {
      if (!(err instanceof IdentityError)) throw err;
      return { errorId: err.id, title: err.id, description: err.message, hint: err.reason, originalRequest: '' };
    }
  };

  app.get('/error', async (req, reply) => {
    const shell = shellFor(req, identity.config);
    const { t } = shell;
    const sealedId = queryParam(req, 'id');
    const shown: ShownError = sealedId !== undefined ? sealedError(sealedId) : {
      errorId: queryParam(req, 'error') ?? 'error',
      title: queryParam(req, 'error') ?? 'error',
      description: queryParam(req, 'error_description') ?? t.t('error.generic'),
      hint: queryParam(req, 'error_hint') ?? '',
      originalRequest: '',
    };
    const docs = /^[a-z0-9_]+$/.test(shown.errorId) ? troubleshootingUrl(identity.config.serve.public.url, shown.errorId) : undefined;
    return shell.send(reply, t.t('error.title'), html`<h1>${t.t('error.heading')}</h1>
<div role="alert"><p><strong>${shown.title}</strong>: ${shown.description}</p>
${shown.hint ? html`<p>${shown.hint}</p>` : ''}</div>
<dl>
<dt>${t.t('error.error_id')}</dt><dd><code id="error-id">${shown.errorId}</code></dd>
${shown.originalRequest ? html`<dt>${t.t('error.failed_request_id')}</dt><dd><code id="failed-request-id">${shown.originalRequest}</code></dd>` : ''}
<dt>${t.t('error.request_id')}</dt><dd><code id="request-id">${String(req.id)}</code></dd>
</dl>
<p>${t.t('error.give_ids')}${docs ? html` <a href="${docs}">${t.t('error.how_to_fix', { code: shown.errorId })}</a>.` : ''}</p>`);
  });
};

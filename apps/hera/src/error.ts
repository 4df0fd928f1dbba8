/**
 * GET /error: the identity server's error UI (selfservice.flows.error.ui_url, `?id=` a sealed error)
 * and OAuth2 errors passed as query parameters. Shows the error id and the request id, never a stack.
 */
import type { FastifyInstance } from 'fastify';
import { IdentityError, openFlowError } from '@olympus/identity';
import { html, type HttpDeps } from '@olympus/http';
import { queryParam, sendPage } from './send.ts';

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

export const registerErrorPage = (app: FastifyInstance, { identity }: HttpDeps): void => {
  if (identity === undefined) return;

  app.get('/error', async (req, reply) => {
    const requestId = String(req.id);
    const sealedId = queryParam(req, 'id');
    let title = queryParam(req, 'error') ?? 'error';
    let description = queryParam(req, 'error_description') ?? 'Something went wrong.';
    let hint = queryParam(req, 'error_hint') ?? '';
    let errorId = title;
    let originalRequest = '';
    if (sealedId !== undefined) {
      try {
        const { error } = openFlowError(identity, sealedId);
        errorId = str(error.id) || 'error';
        title = str(error.status) || errorId;
        description = str(error.message);
        hint = str(error.reason);
        originalRequest = str(error.request);
      } catch (err) {
        if (!(err instanceof IdentityError)) throw err;
        errorId = err.id;
        title = 'Unknown error';
        description = err.message;
        hint = err.reason;
      }
    }
    return sendPage(reply, 'Error', html`<h1>Something went wrong</h1>
<div role="alert"><p><strong>${title}</strong>: ${description}</p>
${hint ? html`<p>${hint}</p>` : ''}</div>
<p>Error id: <code id="error-id">${errorId}</code></p>
${originalRequest ? html`<p>Request id of the failed step: <code>${originalRequest}</code></p>` : ''}
<p>Request id: <code>${requestId}</code></p>`, 200);
  });
};

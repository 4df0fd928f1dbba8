/**
 * Hera's error pages. GET /error: the identity server's error UI (selfservice.flows.error.ui_url,
 * `?id=` a sealed error) and OAuth2 errors passed as query parameters. And the page the OAuth2 server
 * shows when it must not redirect back to the app (unknown client, unregistered redirect URI — RFC
 * 6749 §4.1.2.1), drawn in Hera's frame and language instead of the built-in one.
 */
import type { FastifyInstance } from 'fastify';
import { IdentityError, openSealedFlowError } from '@olympus/identity';
import { setErrorPageRenderer, type HttpDeps, pageSchema } from '@olympus/http';
import { errorView, type ShownError } from './error-view.ts';
import { queryParam } from './send.ts';
import { layout } from './shell/layout.ts';
import { shellFor, translatorFor } from './shell/shell.ts';

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

export const registerErrorPage = (app: FastifyInstance, { ctx, identity }: HttpDeps): void => {
  const docsBaseUrl = ctx.config.serve.public.url;

  setErrorPageRenderer(app, (req, { err, errorId, requestId, exposeDebug }) => {
    const t = translatorFor(req, ctx.config);
    const shown: ShownError = {
      code: err.error, title: err.error, description: err.description, errorId,
      hint: exposeDebug ? err.hint ?? '' : '', debug: exposeDebug ? err.debug : undefined,
    };
    return layout({ t, hera: ctx.config.hera, title: t.t('error.title'), body: errorView(t, shown, requestId, docsBaseUrl) });
  });

  if (identity === undefined) return;

  const sealedError = (sealedId: string): ShownError => {
    try {
      const { stored: { error }, errorId } = openSealedFlowError(identity, sealedId);
      const code = str(error.id) || 'error';
      // The id the server logged and traced the error under (error-id.ts in @olympus/http); older ids carry none.
      return { code, errorId: errorId ?? code, title: str(error.status) || code, description: str(error.message), hint: str(error.reason), failedRequestId: str(error.request) };
    } catch (err) {
      if (!(err instanceof IdentityError)) throw err;
      return { code: err.id, errorId: err.id, title: err.id, description: err.message, hint: err.reason };
    }
  };

  app.get('/error', { schema: pageSchema({ summary: 'Error page', tag: 'hera', query: { id: 'Self-service error id', error: 'OAuth2 error', error_description: 'OAuth2 error description' } }) }, async (req, reply) => {
    const shell = shellFor(req, identity.config);
    const { t } = shell;
    const sealedId = queryParam(req, 'id');
    const code = queryParam(req, 'error') ?? 'error';
    const shown: ShownError = sealedId !== undefined ? sealedError(sealedId) : {
      code, errorId: code, title: code,
      description: queryParam(req, 'error_description') ?? t.t('error.generic'),
      hint: queryParam(req, 'error_hint') ?? '',
    };
    return shell.send(reply, t.t('error.title'), errorView(t, shown, String(req.id), docsBaseUrl));
  });
};

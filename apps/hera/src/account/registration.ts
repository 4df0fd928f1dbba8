/**
 * GET /registration: the identity registration flow's UI (selfservice.flows.registration.ui_url).
 * It keeps the OAuth2 login_challenge, so a user who signs up in the middle of an authorization
 * still ends at the app.
 */
import type { FastifyInstance } from 'fastify';
import { getFlowForUi, type SelfServiceFlow } from '@olympus/identity';
import { answerError, html, readCsrfCookie, type HttpDeps, pageSchema } from '@olympus/http';
import { clientNameOf, flowShell, loginRequestOf } from '../flow-page.ts';
import type { Translator } from '../i18n/translator.ts';
import { queryParam } from '../send.ts';
import { needsWebauthnScript, uiForms } from '../ui-nodes.ts';
import { startBrowserFlow } from './flow-entry.ts';

const heading = (t: Translator, flow: SelfServiceFlow, product: string): string => {
  const client = clientNameOf(loginRequestOf(flow));
  return client ? t.t('registration.heading.client', { client }) : t.t('registration.heading', { product });
};

const signInLink = (t: Translator, flow: SelfServiceFlow) => {
  const query = flow.oauth2LoginChallenge ? `?${new URLSearchParams({ login_challenge: flow.oauth2LoginChallenge })}` : '';
  return html`<p class="links"><a href="/login${query}">${t.t('registration.login')}</a></p>`;
};

export const registerRegistrationPage = (app: FastifyInstance, { identity }: HttpDeps): void => {
  if (identity === undefined) return;

  app.get('/registration', { schema: pageSchema({ summary: 'Registration page', tag: 'hera', query: { flow: 'The registration flow id' } }) }, async (req, reply) => {
    const flowId = queryParam(req, 'flow');
    if (flowId === undefined) return startBrowserFlow(identity, req, reply, 'registration', ['login_challenge', 'return_to']);
    try {
      const flow = await getFlowForUi(identity, 'registration', flowId, readCsrfCookie(req, identity.config));
      const shell = flowShell(req, reply, identity.config, flow);
      const { t } = shell;
      return shell.send(reply, t.t('registration.title'), html`<h1>${heading(t, flow, identity.config.hera.productName)}</h1>
${uiForms(t, flow.ui)}
${signInLink(t, flow)}`, { script: needsWebauthnScript(flow.ui) });
    } catch (err) {
      return answerError(identity, req, reply, err, { redirect: true, kind: 'registration' });
    }
  });
};

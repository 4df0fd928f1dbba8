/**
 * GET /login: the OAuth2 login UI (urls.login) and the identity login flow's UI
 * (selfservice.flows.login.ui_url). With a login_challenge it settles the challenge without a form
 * when it can (skip, or a live identity session that satisfies prompt/max_age), else hands over to
 * the identity server's login flow, which accepts the challenge itself after a successful login.
 */
import type { FastifyInstance } from 'fastify';
import { acceptLoginRequest, getLoginRequest } from '@olympus/oauth2';
import { acceptOAuth2Login, getFlowForUi, type IdentityContext, type SelfServiceFlow } from '@olympus/identity';
import { answerError, currentSession, html, readCsrfCookie, type HttpDeps } from '@olympus/http';
import { clientNameOf, flowShell, loginRequestOf } from './flow-page.ts';
import { demandsFreshLogin } from './fresh-login.ts';
import type { Translator } from './i18n/translator.ts';
import { queryParam, seeOther } from './send.ts';
import { uiForm } from './ui-nodes.ts';

const loginFlowUrl = (identity: IdentityContext, params: Record<string, string>): string => {
  const url = new URL('/self-service/login/browser', identity.config.serve.public.url);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
};

const heading = (t: Translator, flow: SelfServiceFlow, product: string): string => {
  if (flow.requestedAal === 'aal2') return t.t('login.heading.aal2');
  if (flow.refresh) return t.t('login.heading.refresh');
  const client = clientNameOf(loginRequestOf(flow)?.client);
  return client ? t.t('login.heading.client', { client }) : t.t('login.heading', { product });
};

/** Registration and recovery keep the OAuth2 challenge, so the user still ends at the app. */
const otherWays = (t: Translator, flow: SelfServiceFlow) => {
  if (flow.requestedAal === 'aal2' || flow.refresh) return html``;
  const params = new URLSearchParams(flow.oauth2LoginChallenge ? { login_challenge: flow.oauth2LoginChallenge } : {});
  const query = params.size > 0 ? `?${params}` : '';
  return html`<p class="links"><a href="/registration${query}">${t.t('login.register')}</a><a href="/recovery">${t.t('login.recover')}</a></p>`;
};

export const registerLoginPage = (app: FastifyInstance, { ctx, identity }: HttpDeps): void => {
  if (identity === undefined) return;

  app.get('/login', async (req, reply) => {
    const flowId = queryParam(req, 'flow');
    if (flowId !== undefined) {
      try {
        const flow = await getFlowForUi(identity, 'login', flowId, readCsrfCookie(req, identity.config));
        const shell = flowShell(req, reply, identity.config, flow);
        const body = html`<h1>${heading(shell.t, flow, identity.config.hera.productName)}</h1>\n${uiForm(shell.t, flow.ui)}\n${otherWays(shell.t, flow)}`;
        return shell.send(reply, shell.t.t('login.title'), body);
      } catch (err) {
        return answerError(identity, req, reply, err, { redirect: true, kind: 'login' });
      }
    }

    const challenge = queryParam(req, 'login_challenge');
    if (challenge === undefined) {
      const returnTo = queryParam(req, 'return_to');
      return seeOther(reply, loginFlowUrl(identity, returnTo ? { return_to: returnTo } : {}));
    }

    const request = await getLoginRequest(ctx, challenge);
    if (request.skip) {
      const { redirect_to } = await acceptLoginRequest(ctx, challenge, { subject: request.subject });
      return seeOther(reply, redirect_to);
    }
    const current = await currentSession(identity, req);
    if (current !== undefined) {
      if (!demandsFreshLogin(request.request_url, current.session.authenticated_at, identity.now())) {
        return seeOther(reply, await acceptOAuth2Login(identity, challenge, current.session));
      }
      return seeOther(reply, loginFlowUrl(identity, { login_challenge: challenge, refresh: 'true' }));
    }
    return seeOther(reply, loginFlowUrl(identity, { login_challenge: challenge }));
  });
};

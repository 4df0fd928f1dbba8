/**
 * GET /login: the OAuth2 login UI (urls.login) and the identity login flow's UI
 * (selfservice.flows.login.ui_url). With a login_challenge it settles the challenge without a form
 * when it can (skip, or a live identity session that satisfies prompt/max_age), else hands over to
 * the identity server's login flow, which accepts the challenge itself after a successful login.
 */
import type { FastifyInstance } from 'fastify';
import { acceptLoginRequest, getLoginRequest } from '@olympus/oauth2';
import { acceptOAuth2Login, getFlowForUi, type IdentityContext } from '@olympus/identity';
import { answerError, currentSession, html, readCsrfCookie, type HttpDeps } from '@olympus/http';
import { allowFormRedirectsTo } from './csp.ts';
import { demandsFreshLogin } from './fresh-login.ts';
import { queryParam, seeOther, sendPage } from './send.ts';
import { uiForm } from './ui-nodes.ts';

const loginFlowUrl = (identity: IdentityContext, params: Record<string, string>): string => {
  const url = new URL('/self-service/login/browser', identity.config.serve.public.url);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
};

export const registerLoginPage = (app: FastifyInstance, { ctx, identity }: HttpDeps): void => {
  if (identity === undefined) return;

  app.get('/login', async (req, reply) => {
    const flowId = queryParam(req, 'flow');
    if (flowId !== undefined) {
      try {
        const flow = await getFlowForUi(identity, 'login', flowId, readCsrfCookie(req, identity.config));
        if (flow.oauth2LoginChallenge) allowFormRedirectsTo(reply, (await getLoginRequest(ctx, flow.oauth2LoginChallenge).catch(() => ({ client: {} }))).client);
        return sendPage(reply, 'Sign in', html`<h1>Sign in</h1>\n${uiForm(flow.ui)}`);
      } catch (err) {
        return answerError(identity, req, reply, err, { redirect: true, kind: 'login' });
      }
    }

    const challenge = queryParam(req, 'login_challenge');
    if (challenge === undefined) return seeOther(reply, loginFlowUrl(identity, {}));

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

/**
 * GET /login: the OAuth2 login UI (urls.login) and the identity login flow's UI
 * (selfservice.flows.login.ui_url). With a login_challenge it settles the challenge without a form
 * when it can (skip, or a live identity session that satisfies prompt/max_age), else hands over to
 * the identity server's login flow, which accepts the challenge itself after a successful login.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { acceptLoginRequest, forOneRequest, getLoginRequestForUi, type OAuth2Context } from '@olympus/oauth2';
import {
  browserFlowUrl, continueOAuth2Login, findIdentity, getFlowForUi, isUuid, requiredAalForOAuth2, type IdentityContext, type SelfServiceFlow,
} from '@olympus/identity';
import { answerError, currentSession, html, readCsrfCookie, type HttpDeps, pageSchema } from '@olympus/http';
import { closedAsPage } from './closed-request.ts';
import { clientNameOf, flowShell, loginRequestOf } from './flow-page.ts';
import { demandsFreshLogin } from './fresh-login.ts';
import type { Translator } from './i18n/translator.ts';
import { queryParam, seeOther } from './send.ts';
import { needsWebauthnScript, uiForms } from './ui-nodes.ts';

const heading = (t: Translator, flow: SelfServiceFlow, product: string): string => {
  if (flow.requestedAal === 'aal2') return t.t('login.heading.aal2');
  if (flow.refresh) return t.t('login.heading.refresh');
  const client = clientNameOf(loginRequestOf(flow));
  return client ? t.t('login.heading.client', { client }) : t.t('login.heading', { product });
};

/** Registration and recovery keep the OAuth2 challenge, so the user still ends at the app. */
const otherWays = (t: Translator, flow: SelfServiceFlow) => {
  if (flow.requestedAal === 'aal2' || flow.refresh) return html``;
  const params = new URLSearchParams(flow.oauth2LoginChallenge ? { login_challenge: flow.oauth2LoginChallenge } : {});
  const query = params.size > 0 ? `?${params}` : '';
  return html`<p class="links"><a href="/registration${query}">${t.t('login.register')}</a><a href="/recovery">${t.t('login.recover')}</a></p>`;
};

/**
 * A login_challenge is settled without a form when it can: a remembered login (skip) or a live
 * identity session, unless prompt/max_age demand a fresh login or the login needs a second factor
 * the session lacks (required-aal.ts in @olympus/identity) — then the aal2 step-up, challenge kept.
 */
const settleChallenge = async (ctx: OAuth2Context, identity: IdentityContext, req: FastifyRequest, reply: FastifyReply, challenge: string) => {
  const request = await getLoginRequestForUi(ctx, challenge, String(req.id));
  if (request.skip) {
    const subject = isUuid(request.subject) ? await findIdentity(identity, request.subject) : undefined;
    // A remembered login of an identity deleted or disabled since then signs nobody in: the login
    // flow runs and refuses it (4010011). Subjects of other login UIs (not identity ids) are kept.
    const gone = isUuid(request.subject) && (subject === undefined || subject.state !== 'active');
    if (!gone && requiredAalForOAuth2(identity.config, request, subject) === 'aal1') {
      const { redirectTo } = await acceptLoginRequest(ctx, challenge, { subject: request.subject });
      return seeOther(reply, redirectTo);
    }
  }
  const current = await currentSession(identity, req);
  if (current === undefined) return seeOther(reply, browserFlowUrl(identity.config, 'login', { login_challenge: challenge }));
  if (demandsFreshLogin(request.requestUrl, current.session.authenticated_at, identity.now())) {
    return seeOther(reply, browserFlowUrl(identity.config, 'login', { login_challenge: challenge, refresh: 'true' }));
  }
  const { redirectTo } = await continueOAuth2Login(identity, challenge, current.session, { request, identity: current.identity });
  return seeOther(reply, redirectTo);
};

export const registerLoginPage = (app: FastifyInstance, { ctx, identity }: HttpDeps): void => {
  if (identity === undefined) return;

  app.get('/login', { schema: pageSchema({ summary: 'Login page (Hydra login UI and Kratos login flow)', tag: 'hera', query: { login_challenge: 'From Hydra', flow: 'The login flow id' } }) }, closedAsPage(identity.config, async (req, reply) => {
    const flowId = queryParam(req, 'flow');
    if (flowId !== undefined) {
      try {
        const flow = await getFlowForUi(identity, 'login', flowId, readCsrfCookie(req, identity.config));
        const shell = flowShell(req, reply, identity.config, flow);
        const body = html`<h1>${heading(shell.t, flow, identity.config.hera.productName)}</h1>\n${uiForms(shell.t, flow.ui)}\n${otherWays(shell.t, flow)}`;
        return shell.send(reply, shell.t.t('login.title'), body, { script: needsWebauthnScript(flow.ui) });
      } catch (err) {
        return answerError(identity, req, reply, err, { redirect: true, kind: 'login' });
      }
    }

    const challenge = queryParam(req, 'login_challenge');
    if (challenge === undefined) {
      const returnTo = queryParam(req, 'return_to');
      return seeOther(reply, browserFlowUrl(identity.config, 'login', { return_to: returnTo }));
    }

    // The challenge is read, then settled, in this one request: its flow is read once (forOneRequest).
    return settleChallenge(forOneRequest(ctx), identity, req, reply, challenge);
  }));
};

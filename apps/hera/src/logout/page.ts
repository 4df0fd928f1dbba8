/**
 * /logout: the OAuth2 logout UI (urls.logout, OpenID RP-Initiated Logout 1.0 §3) and the account
 * navigation's "Sign out".
 * - GET ?logout_challenge=: a client with skip_logout_consent is logged out at once; otherwise the
 *   user confirms (Yes / No). Yes accepts the logout request, which ends the OAuth2 session, and
 *   ends this browser's identity session too; the browser then follows redirect_to to the client's
 *   post_logout_redirect_uri. No rejects it (Hydra: nothing changes) and lands on the account home.
 * - POST without a challenge: "Sign out" — ends the identity and OAuth2 sessions, then /login.
 * Every POST carries a form token bound to what it acts on (`logout:<challenge>` or `signout`).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { OlympusConfig } from '@olympus/config';
import { acceptLogoutRequest, currentAuthSession, getLogoutRequest, InvalidRequest, rejectLogoutRequest, type LogoutRequestView } from '@olympus/oauth2';
import { cookiePolicyOf, deliverBackchannel, endOAuth2Session, readCookies, type HttpDeps, pageSchema } from '@olympus/http';
import { closedAsPage } from '../closed-request.ts';
import { allowFormRedirectsTo } from '../csp.ts';
import { issueFormToken, postedFormTokenMatches } from '../form-token.ts';
import { uiLocalesOf } from '../i18n/locale.ts';
import { formField, queryParam, seeOther } from '../send.ts';
import { shellFor } from '../shell/shell.ts';
import { endIdentitySession } from './end-session.ts';
import { confirmationBody, forbiddenBody } from './views.ts';

type LogoutClient = LogoutRequestView['client'];

/** Where the form's redirects lead: through /oauth2/sessions/logout to a post-logout URI. */
const allowPostLogoutRedirects = (reply: FastifyReply, config: OlympusConfig, client: LogoutClient): void =>
  allowFormRedirectsTo(reply, config, { redirect_uris: [...(client?.post_logout_redirect_uris ?? []), config.urls.postLogoutRedirect] });

const SIGN_OUT = 'signout';
const subjectOf = (challenge: string): string => `logout:${challenge}`;

export const registerLogoutPage = (app: FastifyInstance, { ctx, identity }: HttpDeps): void => {
  if (identity === undefined) return;

  /**
   * Yes: end the OAuth2 session (+ back-channel notices) and this browser's identity session — the
   * latter only when the logout request was started in this browser (its sid is this browser's
   * OAuth2 session), so a challenge from elsewhere cannot sign this browser out (logout CSRF).
   */
  const accept = async (req: FastifyRequest, reply: FastifyReply, challenge: string, request: LogoutRequestView): Promise<FastifyReply> => {
    const own = (await currentAuthSession(ctx, readCookies(req, cookiePolicyOf(ctx.config))))?.id === request.sid;
    const { redirectTo, notices } = await acceptLogoutRequest(ctx, challenge);
    void deliverBackchannel(notices, req.log);
    if (own) await endIdentitySession(identity, req, reply);
    else req.log.info({ sid: request.sid }, 'logout request from another browser: this browser\'s identity session is kept');
    return seeOther(reply, redirectTo);
  };

  /** A form token missing, forged, or issued for another form or browser: nothing ends (docs/security.md AS-21). */
  const refuse = (req: FastifyRequest, reply: FastifyReply): FastifyReply => {
    const shell = shellFor(req, identity.config);
    return shell.send(reply, shell.t.t('logout.forbidden.title'), forbiddenBody(shell.t), { status: 403 });
  };

  app.get('/logout', { schema: pageSchema({ summary: 'Logout confirmation (Hydra logout UI)', tag: 'hera', query: { logout_challenge: 'From Hydra' } }) }, closedAsPage(identity.config, async (req, reply) => {
    const challenge = queryParam(req, 'logout_challenge');
    if (challenge === undefined) {
      throw new InvalidRequest('The logout page needs a logout_challenge.', { hint: 'Start the logout at /oauth2/sessions/logout; it sends the browser here.' });
    }
    const request = await getLogoutRequest(ctx, challenge);
    const { client } = request;
    if (client?.skip_logout_consent === true) return accept(req, reply, challenge, request);
    const token = issueFormToken(req, reply, identity.config, ctx.sealer, subjectOf(challenge));
    allowPostLogoutRedirects(reply, identity.config, client);
    const shell = shellFor(req, identity.config, uiLocalesOf(request.requestUrl));
    const name = client?.client_name || client?.client_id;
    return shell.send(reply, shell.t.t('logout.title'), confirmationBody(shell.t, challenge, token, name, identity.config.hera.productName));
  }));

  app.post('/logout', { schema: pageSchema({ summary: 'Logout decision', tag: 'hera', form: { logout_challenge: 'From Hydra', decision: 'accept or reject', csrf_token: 'The form token' } }) }, closedAsPage(identity.config, async (req, reply) => {
    const challenge = formField(req, 'logout_challenge');
    const token = formField(req, 'csrf_token');
    if (challenge === undefined) {
      if (!postedFormTokenMatches(req, identity.config, ctx.sealer, token, SIGN_OUT)) return refuse(req, reply);
      await endOAuth2Session(ctx, req, reply);
      await endIdentitySession(identity, req, reply);
      return seeOther(reply, '/login');
    }
    if (!postedFormTokenMatches(req, identity.config, ctx.sealer, token, subjectOf(challenge))) return refuse(req, reply);
    if (formField(req, 'decision') === 'yes') return accept(req, reply, challenge, await getLogoutRequest(ctx, challenge));
    await rejectLogoutRequest(ctx, challenge);
    return seeOther(reply, '/');
  }));
};

/**
 * GET/POST /consent: the OAuth2 consent UI (urls.consent). Skipped consent (remembered, a
 * skip_consent client, or a first-party client named in hera.first_party_clients) is granted at once; otherwise the user sees the client and the scopes in plain
 * words and chooses Allow (remembered) or Deny (access_denied back to the app).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { OlympusConfig } from '@olympus/config';
import { acceptConsentRequest, forOneRequest, getConsentRequest, rejectConsentRequest, RequestForbidden, InvalidRequest, type ConsentRequest, type OAuth2Context } from '@olympus/oauth2';
import { findIdentity, type IdentityContext } from '@olympus/identity';
import { html, type HttpDeps, pageSchema } from '@olympus/http';
import { idTokenClaims } from './claims.ts';
import { omittedIdTokenClaims } from './claims/omitted.ts';
import { closedAsPage } from './closed-request.ts';
import { allowFormRedirectsTo } from './csp.ts';
import { decisionForm } from './decision-form.ts';
import { issueFormToken, postedFormTokenMatches } from './form-token.ts';
import { uiLocalesOf } from './i18n/locale.ts';
import type { Translator } from './i18n/translator.ts';
import { describeScope } from './scopes.ts';
import { formField, queryParam, seeOther } from './send.ts';
import { shellFor } from './shell/shell.ts';

const grant = async (ctx: OAuth2Context, identity: IdentityContext, challenge: string, request: ConsentRequest, reply: FastifyReply): Promise<FastifyReply> => {
  const scopes = request.requestedScope;
  const subject = request.subject ? await findIdentity(identity, request.subject) : undefined;
  const idToken = idTokenClaims(subject, scopes, identity.config.hera.claims);
  const { redirectTo } = await acceptConsentRequest(ctx, challenge, {
    grantScope: scopes,
    grantAudience: request.requestedAudience,
    remember: true,
    session: { idToken, accessToken: {} },
    // Only the flow tracer reads it; computed only when it records.
    idTokenClaimsOmitted: ctx.trace === undefined ? undefined : omittedIdTokenClaims(subject, idToken, { requested: request.requestedScope, granted: scopes }, identity.config.hera.claims),
  });
  return seeOther(reply, redirectTo);
};

/** OIDC Core §3.1.2.4: consent may be skipped for a client the operator trusts (its own apps). */
const consentSkipped = (config: OlympusConfig, request: ConsentRequest): boolean =>
  request.skip || request.client?.skip_consent === true || config.hera.firstPartyClients.includes(request.clientId);

const consentForm = (t: Translator, challenge: string, request: ConsentRequest, token: string) => {
  const name = request.client?.client_name || request.clientId;
  return html`<h1>${t.t('consent.heading', { client: name })}</h1>
<p>${t.t('consent.asks', { client: name })}</p>
<ul class="scopes">${request.requestedScope.map((s) => html`<li>${describeScope(t, s)}</li>`)}</ul>
${decisionForm('/consent', { consent_challenge: challenge, csrf_token: token }, { value: 'allow', label: t.t('consent.allow') }, { value: 'deny', label: t.t('consent.deny') })}`;
};

const shellOf = (req: FastifyRequest, config: OlympusConfig, request: ConsentRequest) => shellFor(req, config, uiLocalesOf(request.requestUrl));

export const registerConsentPage = (app: FastifyInstance, { ctx, identity }: HttpDeps): void => {
  if (identity === undefined) return;

  app.get('/consent', { schema: pageSchema({ summary: 'Consent page (Hydra consent UI)', tag: 'hera', query: { consent_challenge: 'From Hydra' } }) }, closedAsPage(identity.config, async (req, reply) => {
    const challenge = queryParam(req, 'consent_challenge');
    if (challenge === undefined) throw new InvalidRequest('The consent page needs a consent_challenge: open it through /oauth2/auth.');
    // A skipped consent is read, then granted, in this one request: its flow is read once (forOneRequest).
    const once = forOneRequest(ctx);
    const request = await getConsentRequest(once, challenge);
    if (consentSkipped(identity.config, request)) return grant(once, identity, challenge, request, reply);
    const token = issueFormToken(req, reply, identity.config, ctx.sealer, `consent:${challenge}`);
    allowFormRedirectsTo(reply, identity.config, request.client, true);
    const shell = shellOf(req, identity.config, request);
    return shell.send(reply, shell.t.t('consent.title'), consentForm(shell.t, challenge, request, token));
  }));

  app.post('/consent', { schema: pageSchema({ summary: 'Consent decision', tag: 'hera', form: { consent_challenge: 'From Hydra', decision: 'accept or reject', grant_scope: 'Granted scopes', remember: 'Remember the decision', csrf_token: 'The form token' } }) }, closedAsPage(identity.config, async (req, reply) => {
    const challenge = formField(req, 'consent_challenge');
    if (challenge === undefined) throw new InvalidRequest('The consent form was posted without its consent_challenge.');
    if (!postedFormTokenMatches(req, identity.config, ctx.sealer, formField(req, 'csrf_token'), `consent:${challenge}`)) {
      throw new RequestForbidden('The consent form\'s CSRF token is missing or does not match this browser: reload the consent page and try again.');
    }
    const once = forOneRequest(ctx);
    const request = await getConsentRequest(once, challenge);
    if (formField(req, 'decision') === 'allow') return grant(once, identity, challenge, request, reply);
    const { redirectTo } = await rejectConsentRequest(once, challenge, { error: 'access_denied', errorDescription: 'The user denied the request.' });
    return seeOther(reply, redirectTo);
  }));
};

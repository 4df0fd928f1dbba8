/**
 * GET/POST /consent: the OAuth2 consent UI (urls.consent). Skipped consent (remembered, or a
 * skip_consent client) is granted at once; otherwise the user sees the client and the scopes in plain
 * words and chooses Allow (remembered) or Deny (access_denied back to the app).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { acceptConsentRequest, getConsentRequest, rejectConsentRequest, RequestForbidden, InvalidRequest, type OAuth2Context } from '@olympus/oauth2';
import type { IdentityContext } from '@olympus/identity';
import { ensureCsrfSecret, html, readCsrfCookie, type HttpDeps } from '@olympus/http';
import { idTokenClaims } from './claims.ts';
import { allowFormRedirectsTo } from './csp.ts';
import { consentTokenMatches, sealConsentToken } from './consent-token.ts';
import { describeScope } from './scopes.ts';
import { formField, queryParam, seeOther, sendPage } from './send.ts';

type ConsentRequest = Awaited<ReturnType<typeof getConsentRequest>>;

const grant = async (ctx: OAuth2Context, identity: IdentityContext, challenge: string, request: ConsentRequest, reply: FastifyReply): Promise<FastifyReply> => {
  const scopes = request.requested_scope;
  const subject = request.subject ? await identity.storage.identities.getIdentity(request.subject) : undefined;
  const { redirect_to } = await acceptConsentRequest(ctx, challenge, {
    grant_scope: scopes,
    grant_access_token_audience: request.requested_access_token_audience,
    remember: true,
    session: { id_token: idTokenClaims(subject, scopes), access_token: {} },
  });
  return seeOther(reply, redirect_to);
};

const consentForm = (challenge: string, request: ConsentRequest, token: string) => {
  const client = request.client as { client_id: string; client_name?: string };
  const name = client.client_name || client.client_id;
  return html`<h1>Allow ${name} to use your account?</h1>
<p><strong>${name}</strong> asks to:</p>
<ul>${request.requested_scope.map((s) => html`<li>${describeScope(s)}</li>`)}</ul>
<form method="post" action="/consent">
<input type="hidden" name="consent_challenge" value="${challenge}">
<input type="hidden" name="csrf_token" value="${token}">
<button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny" class="secondary">Deny</button>
</form>`;
};

export const registerConsentPage = (app: FastifyInstance, { ctx, identity }: HttpDeps): void => {
  if (identity === undefined) return;

  app.get('/consent', async (req, reply) => {
    const challenge = queryParam(req, 'consent_challenge');
    if (challenge === undefined) throw new InvalidRequest('The consent page needs a consent_challenge: open it through /oauth2/auth.');
    const request = await getConsentRequest(ctx, challenge);
    if (request.skip || (request.client as { skip_consent?: boolean }).skip_consent === true) return grant(ctx, identity, challenge, request, reply);
    const token = sealConsentToken(ctx.sealer, challenge, ensureCsrfSecret(req, reply, identity.config));
    allowFormRedirectsTo(reply, request.client);
    return sendPage(reply, 'Allow access', consentForm(challenge, request, token));
  });

  app.post('/consent', async (req, reply) => {
    const challenge = formField(req, 'consent_challenge');
    if (challenge === undefined) throw new InvalidRequest('The consent form was posted without its consent_challenge.');
    if (!consentTokenMatches(ctx.sealer, formField(req, 'csrf_token'), challenge, readCsrfCookie(req, identity.config))) {
      throw new RequestForbidden('The consent form\'s CSRF token is missing or does not match this browser: reload the consent page and try again.');
    }
    const request = await getConsentRequest(ctx, challenge);
    if (formField(req, 'decision') === 'allow') return grant(ctx, identity, challenge, request, reply);
    const { redirect_to } = await rejectConsentRequest(ctx, challenge, { error: 'access_denied', error_description: 'The user denied the request.' });
    return seeOther(reply, redirect_to);
  });
};

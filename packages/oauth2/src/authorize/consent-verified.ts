import { randomUUID } from 'node:crypto';
import type { OAuth2Context } from '../context.ts';
import type { Flow } from '../flows/flow.ts';
import type { AuthorizationCodeRecord, GrantSession } from '../tokens/records.ts';
import { InvalidRequest } from '../errors.ts';
import { respondToClient } from '../browser/client-response.ts';
import { clearFlowCsrfCookie, type BrowserStep } from '../browser/instructions.ts';
import { mintToken } from '../tokens/opaque.ts';
import { AuthorizeRejected } from './rejection.ts';
import { traceVerifierRefused } from './trace-verifier.ts';
import { flowForVerifier, rejectedByUi, restart } from './verifier.ts';

/** The grant the code (and every token minted from it) carries, from the login and consent results. */
export const grantSessionOf = (flow: Flow): GrantSession => {
  const login = flow.login!;
  const consent = flow.consent!;
  return {
    grantId: randomUUID(),
    flowId: flow.id,
    clientId: flow.clientId,
    subject: login.forceSubjectIdentifier || login.subject,
    scope: consent.grantScope,
    audience: consent.grantAudience,
    sessionId: login.sessionId,
    authTime: login.authenticatedAt,
    requestedAt: flow.requestedAt,
    acr: login.acr,
    amr: login.amr,
    nonce: flow.request.nonce,
    idTokenClaims: consent.session.id_token,
    accessTokenClaims: consent.session.access_token,
    traceId: flow.traceId,
  };
};

/** Made only when refused: an Error captures its stack trace, which every issued code paid for when it was made up front. */
const verifierUsed = (): AuthorizeRejected => new AuthorizeRejected(new InvalidRequest('The consent verifier has already been used.', {
  hint: 'Each consent verifier works once: the back button or a double submit replays it. Restart from the application.',
}), null);

/**
 * The browser returns from the consent UI with `consent_verifier`: the flow is used up atomically
 * and the client receives a single-use authorization code (RFC 6749 §4.1.2) valid ≤ 10 minutes.
 */
export const handleConsentVerifier = async (
  ctx: OAuth2Context,
  verifier: string,
  cookies: Record<string, string | undefined>,
): Promise<BrowserStep> => {
  const startedAt = ctx.now();
  const flow = await flowForVerifier(ctx, 'consent', verifier, cookies);
  const now = ctx.now();
  if (flow.expiresAt <= now) return restart(flow);
  const target = { redirectUri: flow.request.redirectUri, state: flow.request.state, responseMode: flow.request.responseMode };
  if (flow.state === 'consent_rejected' && flow.consentError) return rejectedByUi(ctx, flow, target, flow.consentError);
  if (flow.state !== 'consent_accepted' || !flow.consent || !(await ctx.storage.flows.updateFlow({ ...flow, state: 'consent_used' }, 'consent_accepted', flow))) {
    const used = verifierUsed();
    traceVerifierRefused(ctx, 'consent', flow, used, 'verifier_used', startedAt);
    throw used;
  }

  const code = mintToken('code', ctx.hasher);
  const record: AuthorizationCodeRecord = {
    signature: code.signature,
    session: grantSessionOf(flow),
    redirectUri: flow.request.redirectUri,
    redirectUriSent: flow.request.redirectUriSent,
    codeChallenge: flow.request.codeChallenge,
    codeChallengeMethod: flow.request.codeChallengeMethod,
    issuedAt: now,
    expiresAt: now + ctx.config.ttl.authCode,
    usedAt: null,
  };
  await ctx.storage.tokens.createAuthorizationCode(record);
  ctx.log.info(
    { trace_id: flow.traceId, flow_id: flow.id, client_id: flow.clientId, subject: record.session.subject, scope: record.session.scope.join(' ') },
    'consent verified; authorization code issued',
  );
  ctx.trace?.({
    traceId: flow.traceId, stop: 'code_issued', outcome: 'ok', startedAt, durationMs: ctx.now() - startedAt,
    clientId: flow.clientId, identityId: record.session.subject, flowId: flow.id, challengeId: flow.consentChallenge ?? undefined,
    evidence: {
      granted_scopes: record.session.scope, granted_audience: record.session.audience, redirect_uri: record.redirectUri,
      response_mode: flow.request.responseMode, code_challenge_method: record.codeChallengeMethod,
    },
  });
  return respondToClient(target, ctx.config.urls.issuer, { code: code.token, scope: record.session.scope.join(' ') }, [clearFlowCsrfCookie(flow.id)]);
};

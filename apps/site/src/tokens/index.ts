/**
 * Tokens as a relying party sees them (issue: the playground's "Tokens" step and the inspector):
 * decode without trusting, explain the claims, check an ID token as OpenID Connect Core 1.0
 * §3.1.3.7 asks and an access token as its resource server would, and render all of it.
 */
export { decodeToken, type DecodedToken, type OpaqueReason } from './decode.ts';
export { explainClaims, explainHeader, type ClaimRow } from './claims.ts';
export { formatUtc, relativeTime } from './time.ts';
export { LEEWAY_SECONDS, audiencesOf, passed, failed, notApplicable, type CheckId, type CheckStatus, type TokenCheck, type TokensMessageKey } from './check.ts';
export { checkSignature, checkAlg } from './signature.ts';
export { checkIssuer, checkAudience, checkAuthorizedParty, checkExpiry, checkIssuedAt, checkNotBefore } from './claim-checks.ts';
export { checkAudienceIsClient } from './audience-client.ts';
export { checkNonce, checkAtHash, checkAuthTime, checkAcr } from './request-checks.ts';
export { expectedAtHash } from './at-hash.ts';
export { checkIdToken, type IdTokenExpectations } from './id-token.ts';
export { checkAccessToken, type AccessTokenExpectations } from './access-token.ts';
export { renderToken, renderChecks, type TokenView } from './render.ts';

export { startAuthorization, canSkipLogin } from './start.ts';
export { handleLoginVerifier } from './login-verified.ts';
export { handleConsentVerifier, grantSessionOf } from './consent-verified.ts';
export { AuthorizeRejected, type ClientRedirect } from './rejection.ts';
export { matchRedirectUri, explainMismatch } from './redirect-uri.ts';
export { validateAuthorizeRequest, AUTHORIZE_STEPS } from './pipeline.ts';
export { rememberedConsent } from './consent-skip.ts';

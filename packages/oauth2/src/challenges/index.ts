export { getLoginRequest, acceptLoginRequest, rejectLoginRequest } from './login.ts';
export { getConsentRequest, acceptConsentRequest, rejectConsentRequest } from './consent.ts';
export { consentSessionBody, loginRequestBody, consentRequestBody } from './shapes.ts';
export { statusOf, type ChallengeStatus } from './handled.ts';

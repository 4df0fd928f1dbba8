export { getLoginRequest, getLoginRequestForUi, acceptLoginRequest, rejectLoginRequest } from './login.ts';
export { getConsentRequest, acceptConsentRequest, rejectConsentRequest } from './consent.ts';
export { consentSessionOf, type ConsentSession } from './views.ts';
export type { AcceptConsent, AcceptLogin, ChallengeOutcome, ConsentRequest, LoginRequest, OidcContext, OmittedClaim, OmittedClaimReason, Rejection } from './requests.ts';
export { forOneRequest } from './one-request.ts';
export { listPendingRequests, MAX_PENDING_PAGE_SIZE, type PendingRequest, type PendingRequestPage, type PendingRequestQuery } from './pending.ts';

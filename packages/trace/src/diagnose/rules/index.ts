/**
 * The cause rules in the order they are tried on the first failing event: the most specific first
 * (an unknown client explains every later symptom), the error code last (rules/fallback.ts).
 */
import type { FailureRule, NoticeRule } from '../rule.ts';
import { claimMissing } from '../notices/claims.ts';
import { consentNotSkipped } from '../notices/consent.ts';
import { sessionAalTooLow } from './aal.ts';
import { grantTypeNotAllowed, responseTypeNotAllowed } from './allowed-types.ts';
import { loginChallengeExpired, loginChallengeReused } from './challenge.ts';
import { clientAuthMethodMismatch, clientUnknown } from './client.ts';
import { codeReused } from './code-reuse.ts';
import { csrfViolation } from './csrf.ts';
import { pkceMissing, pkceVerifierMismatch } from './pkce.ts';
import { redirectUriMismatch } from './redirect-uri.ts';
import { refreshTokenReused } from './refresh.ts';

export const FAILURE_RULES: readonly FailureRule[] = [
  clientUnknown,
  redirectUriMismatch,
  responseTypeNotAllowed,
  grantTypeNotAllowed,
  pkceMissing,
  clientAuthMethodMismatch,
  codeReused,
  pkceVerifierMismatch,
  refreshTokenReused,
  csrfViolation,
  sessionAalTooLow,
  loginChallengeExpired,
  loginChallengeReused,
];

export const NOTICE_RULES: readonly NoticeRule[] = [consentNotSkipped, claimMissing];

export { skipNotAccepted } from './skip-loop.ts';
export { explainByErrorCode } from './fallback.ts';

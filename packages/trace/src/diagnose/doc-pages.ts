/**
 * Where each cause is explained: a `### Cause: <code>` section of the troubleshooting page of the error
 * code the stop answers with (docs/troubleshooting/README.md), or of docs/troubleshooting/tracing-causes.md
 * for what no error code names (notices, the skip-login loop). The anchor is the heading's slug.
 * test/trace-diagnose.test.ts checks that every page and anchor here exists.
 */
export const CAUSE_PAGES = {
  client_unknown: 'invalid_client',
  redirect_uri_mismatch: 'invalid_request',
  response_type_not_allowed: 'unsupported_response_type',
  grant_type_not_allowed: 'unauthorized_client',
  pkce_missing: 'invalid_request',
  pkce_verifier_mismatch: 'invalid_grant',
  code_reused: 'invalid_grant',
  client_auth_method_mismatch: 'invalid_client',
  csrf_cookie_missing: 'security_csrf_violation',
  csrf_token_missing: 'security_csrf_violation',
  csrf_token_mismatch: 'security_csrf_violation',
  session_aal_too_low: 'session_aal2_required',
  login_challenge_expired: 'request_expired',
  login_challenge_reused: 'request_handled',
  skip_not_accepted: 'tracing-causes',
  refresh_token_reused: 'invalid_grant',
  consent_not_skipped: 'tracing-causes',
  claim_missing: 'tracing-causes',
} as const;

export type TraceCause = keyof typeof CAUSE_PAGES;

export const TRACE_CAUSES = Object.keys(CAUSE_PAGES) as TraceCause[];

/** The slug GitHub and most Markdown renderers give the heading `### Cause: <code>`. */
export const causeAnchor = (cause: string): string => `cause-${cause}`;

export const causeDocPage = (cause: TraceCause): string => `docs/troubleshooting/${CAUSE_PAGES[cause]}.md#${causeAnchor(cause)}`;

/** An OAuth2 or identity error code has a page of its own; a form's message id (`4000006`) has none: empty. */
export const errorDocPage = (errorCode: string | undefined): string =>
  errorCode !== undefined && /^[a-z][a-z0-9_]*$/.test(errorCode) ? `docs/troubleshooting/${errorCode}.md` : '';

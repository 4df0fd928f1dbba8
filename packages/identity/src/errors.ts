/**
 * Kratos' error envelope (docs/compatibility.md §2.4): `{error: {id, code, status, message, reason,
 * details}}` plus top-level extras such as `redirect_browser_to` or `use_flow_id`. One class per id.
 * Every id has docs/troubleshooting/<id>.md.
 */
export interface IdentityErrorDetails {
  reason?: string;
  details?: Record<string, unknown>;
  /** Top-level fields next to `error` (redirect_browser_to, use_flow_id, expired_at). */
  extra?: Record<string, unknown>;
  debug?: string;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict', 410: 'Gone',
  413: 'Request Entity Too Large', 422: 'Unprocessable Entity', 429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway',
  503: 'Service Unavailable',
};

export abstract class IdentityError extends Error {
  abstract readonly id: string;
  abstract readonly code: number;
  readonly reason: string;
  readonly details: Record<string, unknown>;
  readonly extra: Record<string, unknown>;
  readonly debug: string;

  constructor(message: string, opts: IdentityErrorDetails = {}) {
    super(message);
    this.reason = opts.reason ?? '';
    this.details = opts.details ?? {};
    this.extra = opts.extra ?? {};
    this.debug = opts.debug ?? '';
  }

  toBody(requestId: string, exposeDebug: boolean): Record<string, unknown> {
    const error: Record<string, unknown> = {
      id: this.id, code: this.code, status: STATUS_TEXT[this.code] ?? 'Error', message: this.message,
      reason: this.reason, details: this.details, request: requestId,
    };
    if (exposeDebug && this.debug) error.debug = this.debug;
    return { error, ...this.extra };
  }
}

const define = (id: string, code: number) =>
  class extends IdentityError {
    readonly id = id;
    readonly code = code;
  };

export class SecurityCsrfViolation extends define('security_csrf_violation', 403) {}
export class SessionInactive extends define('session_inactive', 401) {}
export class SessionAal2Required extends define('session_aal2_required', 403) {}
export class SessionRefreshRequired extends define('session_refresh_required', 403) {}
export class SessionAlreadyAvailable extends define('session_already_available', 400) {}
export class SessionAal1Required extends define('session_aal1_required', 401) {}
export class SessionAalAlreadyFulfilled extends define('session_aal_already_fulfilled', 401) {}
export class SelfServiceFlowExpired extends define('self_service_flow_expired', 410) {}
export class BrowserLocationChangeRequired extends define('browser_location_change_required', 422) {}
export class SelfServiceFlowReturnToForbidden extends define('self_service_flow_return_to_forbidden', 400) {}
export class SelfServiceFlowDisabled extends define('self_service_flow_disabled', 400) {}
export class SecurityIdentityMismatch extends define('security_identity_mismatch', 403) {}
export class IdentityDisabled extends define('identity_disabled', 400) {}
export class FlowNotFound extends define('not_found', 404) {}
export class BadRequest extends define('bad_request', 400) {}
/** An over-long body is still a bad request, told apart by HTTP 413 (as the OAuth2 side's RequestTooLarge). */
export class PayloadTooLarge extends define('bad_request', 413) {}
export class IdentityConflict extends define('conflict', 409) {}
export class TooManyRequests extends define('too_many_requests', 429) {}
export class InternalError extends define('internal_server_error', 500) {}
/** The database is unavailable for the moment (docs/operations/faults.md); the same id as OAuth2's 503 (RFC 6749 §5.2). */
export class ServiceUnavailable extends define('temporarily_unavailable', 503) {}
/** Social sign-in (strategies/oidc): the continuity cookie did not come back or does not match the callback. */
export class OidcContinuityViolation extends define('oidc_continuity_violation', 400) {}
/** The provider's ID token failed a check (issuer, audience, nonce, signature, expiry; OIDC Core §3.1.3.7). */
export class OidcIdTokenInvalid extends define('oidc_id_token_invalid', 400) {}
/** The provider could not be used: discovery, JWKS or the token endpoint failed or refused the code. */
export class OidcProviderError extends define('oidc_provider_error', 502) {}
/** A passkey or security key answer signed for an origin or RP ID this relying party does not list (strategies/webauthn). */
export class WebauthnRpIdMismatch extends define('webauthn_rp_id_mismatch', 400) {}

/** Every error id the identity server emits; each has docs/troubleshooting/<id>.md. */
export const IDENTITY_ERROR_IDS = [
  'security_csrf_violation', 'session_inactive', 'session_aal2_required', 'session_refresh_required',
  'session_already_available', 'session_aal1_required', 'session_aal_already_fulfilled', 'self_service_flow_expired',
  'browser_location_change_required', 'self_service_flow_return_to_forbidden', 'self_service_flow_disabled',
  'security_identity_mismatch', 'identity_disabled', 'bad_request', 'too_many_requests', 'internal_server_error',
  'oidc_continuity_violation', 'oidc_id_token_invalid', 'oidc_provider_error',
  'webauthn_rp_id_mismatch', 'temporarily_unavailable',
] as const;

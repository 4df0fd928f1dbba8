/**
 * One error type per OAuth2 error code (RFC 6749 §4.1.2.1, §5.2; OIDC Core §3.1.2.6; RFC 7591 §3.2.2).
 * The public `description` is safe for any client; `hint` names the cause and the fix and `debug`
 * carries internals — both reach the client only with `expose_debug` (docs/architecture.md §5).
 * Every code has a page at docs/troubleshooting/<code>.md.
 */
import type { ConsentRequest, LoginRequest } from './challenges/requests.ts';
import type { LogoutRequestView } from './logout/challenge.ts';

export interface ErrorDetails {
  hint?: string;
  debug?: string;
  /** Extra fields for the JSON body, e.g. `redirect_to` on a 410. */
  extra?: Record<string, unknown>;
}

const REPLACEMENTS: Record<string, string> = { '"': "'", '\\': '/', '—': '-', '–': '-', '…': '...', '→': '->' };

/**
 * RFC 6749 §5.2: error_description may only hold %x20-21 / %x23-5B / %x5D-7E — no double quote,
 * no backslash, nothing beyond ASCII. Olympus' descriptions are written freely and made compliant here.
 */
export const toDescriptionChars = (text: string): string =>
  text.replace(/§\s?/g, 'Section ').replace(/["\\—–…→]/g, (c) => REPLACEMENTS[c]).replace(/[^\x20-\x7e]/g, '?');

export abstract class OAuth2Error extends Error {
  abstract readonly error: string;
  abstract readonly status: number;
  readonly description: string;
  readonly hint: string;
  readonly debug: string;
  readonly extra: Record<string, unknown>;
  /** The flow's trace id when the failing request belongs to one: for the log line, never sent. */
  traceId: string | undefined = undefined;

  constructor(description: string, details: ErrorDetails = {}) {
    super(description);
    this.description = description;
    this.hint = details.hint ?? '';
    this.debug = details.debug ?? '';
    this.extra = details.extra ?? {};
  }

  /** The body Olympus sends: RFC 6749 fields, plus hint and debug when exposed. */
  toBody(exposeDebug: boolean): Record<string, unknown> {
    const body: Record<string, unknown> = { error: this.error, error_description: toDescriptionChars(this.description), ...this.extra };
    if (exposeDebug) {
      if (this.hint) body.error_hint = this.hint;
      if (this.debug) body.error_debug = this.debug;
    }
    return body;
  }
}

const define = (error: string, status: number) =>
  class extends OAuth2Error {
    readonly error = error;
    readonly status = status;
  };

export class InvalidRequest extends define('invalid_request', 400) {}
/** An over-long body is still a malformed request (RFC 6749 §5.2), told apart by HTTP 413. */
export class RequestTooLarge extends define('invalid_request', 413) {}
export class InvalidClient extends define('invalid_client', 401) {}
export class InvalidGrant extends define('invalid_grant', 400) {}
export class UnauthorizedClient extends define('unauthorized_client', 400) {}
export class UnsupportedGrantType extends define('unsupported_grant_type', 400) {}
export class UnsupportedResponseType extends define('unsupported_response_type', 400) {}
export class InvalidScope extends define('invalid_scope', 400) {}
export class AccessDenied extends define('access_denied', 403) {}
export class RequestDenied extends define('request_denied', 403) {}
export class LoginRequired extends define('login_required', 400) {}
export class ConsentRequired extends define('consent_required', 400) {}
export class InteractionRequired extends define('interaction_required', 400) {}
/** OIDC Core §6.1, §3.1.2.6: a request object sent by value (`request`); Olympus reads none. */
export class RequestNotSupported extends define('request_not_supported', 400) {}
/** OIDC Core §6.2, §3.1.2.6: a request object sent by reference (`request_uri`); Olympus fetches none. */
export class RequestUriNotSupported extends define('request_uri_not_supported', 400) {}
export class InvalidRedirectUri extends define('invalid_redirect_uri', 400) {}
export class InvalidClientMetadata extends define('invalid_client_metadata', 400) {}
export class InvalidToken extends define('invalid_token', 401) {}
export class InsufficientScope extends define('insufficient_scope', 403) {}
export class NotFound extends define('not_found', 404) {}
export class Conflict extends define('conflict', 409) {}
/**
 * Where a login, consent or logout request that can no longer be handled stands. Only the admin API
 * puts it in the body (Hydra's 410 with `redirect_to`); a page on the public origin never hands a
 * verifier to a browser that did not complete the step (docs/security.md AS-21).
 */
export type ClosedRequest = { status: 'accepted' | 'rejected' | 'used' | 'expired'; redirectTo: string } & (
  | { kind: 'login'; request: LoginRequest }
  | { kind: 'consent'; request: ConsentRequest }
  | { kind: 'logout'; request: LogoutRequestView }
);

/** A login, consent or logout request handled before (Hydra: 410). */
export class RequestHandled extends define('request_handled', 410) {
  closed: ClosedRequest | undefined = undefined;
}
/** A login, consent or logout request older than `ttl.login_consent_request`. */
export class RequestExpired extends define('request_expired', 410) {
  closed: ClosedRequest | undefined = undefined;
}
export class RequestForbidden extends define('request_forbidden', 403) {}
export class ServerError extends define('server_error', 500) {}
export class TemporarilyUnavailable extends define('temporarily_unavailable', 503) {}

/** Every error code Olympus' OAuth2 server emits; each has docs/troubleshooting/<code>.md. */
export const OAUTH2_ERROR_CODES = [
  'invalid_request', 'invalid_client', 'invalid_grant', 'unauthorized_client', 'unsupported_grant_type',
  'unsupported_response_type', 'invalid_scope', 'access_denied', 'request_denied', 'login_required',
  'consent_required', 'interaction_required', 'request_not_supported', 'request_uri_not_supported',
  'invalid_redirect_uri', 'invalid_client_metadata',
  'invalid_token', 'insufficient_scope', 'not_found', 'conflict', 'request_handled', 'request_expired',
  'request_forbidden', 'server_error', 'temporarily_unavailable',
] as const;

/** Builds the error an admin sent through a reject call (`RejectOAuth2Request`). */
export class RejectedByAdmin extends OAuth2Error {
  readonly error: string;
  readonly status: number;
  constructor(error: string, status: number, description: string, details: ErrorDetails = {}) {
    super(description, details);
    this.error = error;
    this.status = status;
  }
}

import type { OAuth2Error } from '../errors.ts';

/** Where an authorization error may be sent: back to the client, once its redirect URI is trusted. */
export interface ClientRedirect {
  redirectUri: string;
  state: string;
  responseMode: 'query' | 'form_post';
}

/**
 * An authorization request that ends in an error. With `redirect` null the client or its
 * redirect URI is not trusted, so the browser must NOT be redirected (RFC 6749 §4.1.2.1,
 * docs/security.md AS-4): the HTTP layer shows Olympus' error page instead.
 */
export class AuthorizeRejected extends Error {
  readonly error: OAuth2Error;
  readonly redirect: ClientRedirect | null;
  constructor(error: OAuth2Error, redirect: ClientRedirect | null) {
    super(error.description);
    this.error = error;
    this.redirect = redirect;
  }
}

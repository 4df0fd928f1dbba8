/**
 * What the core asks of the browser, without knowing HTTP: where to go and which cookies to set.
 * The HTTP layer adds HttpOnly, SameSite and Secure from config (docs/compatibility.md §1.5).
 */
export interface CookieInstruction {
  name: string;
  /** Empty value with maxAgeSeconds 0 clears the cookie. */
  value: string;
  path: string;
  /** Undefined = a browser-session cookie. */
  maxAgeSeconds?: number;
}

export interface BrowserRedirect {
  kind: 'redirect';
  location: string;
  cookies: CookieInstruction[];
}

/** RFC 6749 response via an auto-submitted form (OAuth 2.0 Form Post Response Mode). */
export interface BrowserFormPost {
  kind: 'form_post';
  action: string;
  fields: Record<string, string>;
  cookies: CookieInstruction[];
}

export type BrowserStep = BrowserRedirect | BrowserFormPost;

export const AUTH_SESSION_COOKIE = 'olympus_oauth2_session';
export const AUTH_SESSION_COOKIE_PURPOSE = 'cookie:oauth2-session';
/** One CSRF cookie per flow, so several tabs can log in at once; only /oauth2/auth reads it. */
export const flowCsrfCookieName = (flowId: string): string => `olympus_oauth2_csrf_${flowId.slice(0, 12)}`;
export const FLOW_CSRF_COOKIE_PATH = '/oauth2/auth';
/**
 * Clears a flow's CSRF cookie once its code is issued: the flow is over, and a browser signing in to
 * many apps would otherwise carry one cookie per authorization until each expires (a Cookie header
 * that grows until servers answer 431).
 */
export const clearFlowCsrfCookie = (flowId: string): CookieInstruction => ({ name: flowCsrfCookieName(flowId), value: '', path: FLOW_CSRF_COOKIE_PATH, maxAgeSeconds: 0 });

/** What the core needs of the browser bringing a verifier back to /oauth2/auth. */
export interface VerifierBrowser {
  cookies: Record<string, string | undefined>;
  /** The id of the live identity session whose cookie this browser sent, if any; read only when needed. */
  identitySessionId: () => Promise<string | undefined>;
}

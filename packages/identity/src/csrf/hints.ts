/**
 * What most often causes each kind of CSRF violation (docs/compatibility.md §5.8 and §5.9: CSRF behind
 * proxies, AJAX without credentials, cookie domain and SameSite, localhost versus 127.0.0.1).
 * Sent in `details.hint`; docs/troubleshooting/security_csrf_violation.md says more.
 */
export type CsrfRejectReason = 'cookie_missing' | 'token_missing' | 'token_mismatch';

export const CSRF_HINTS: Record<CsrfRejectReason, string> = {
  cookie_missing:
    'The CSRF cookie (olympus_csrf) did not arrive with the submission. Usual causes: an AJAX call without ' +
    'credentials: "include" (fetch) or withCredentials (axios); the flow was created on one host name and ' +
    'submitted on another (localhost versus 127.0.0.1 are different sites for cookies); a server-side renderer ' +
    'that does not forward the browser\'s Cookie header; a cross-site form post that SameSite=Lax blocks; ' +
    'or a non-HTTPS origin when the cookie is Secure.',
  token_missing:
    'The submission carried no csrf_token. Send the value of the flow\'s hidden csrf_token node as the ' +
    'csrf_token field of the body (or the X-CSRF-Token header); renderers that draw only some nodes often drop it.',
  token_mismatch:
    'The csrf_token does not belong to this browser and flow: the flow was opened in another browser or ' +
    'profile, the CSRF cookie was replaced (cleared cookies, another tab on another host name), or the token ' +
    'of a different flow was sent. Start a new flow in this browser.',
};

import { InvalidRequest, LoginRequired, RequestNotSupported, RequestUriNotSupported } from '../errors.ts';
import { verifyIdTokenHint } from '../id-token-hint.ts';
import { fail } from './fail.ts';
import type { AuthorizeStep } from './request-state.ts';

const PROMPTS = new Set(['none', 'login', 'consent', 'select_account']);
const MAX_PARAM_LENGTH = 2048;
const split = (v: string | undefined) => (v ?? '').split(' ').filter((s) => s.length > 0);

/** OIDC Core §3.1.2.1: `prompt` values, and `none` alone (AS-40). */
export const checkPrompt: AuthorizeStep = (state) => {
  const prompt = split(state.params.prompt);
  const unknown = prompt.filter((p) => !PROMPTS.has(p));
  if (unknown.length > 0) {
    fail(state, new InvalidRequest(`The prompt value "${unknown[0]}" is not supported.`, { hint: 'Use none, login, consent or select_account.' }));
  }
  if (prompt.includes('none') && prompt.length > 1) {
    fail(state, new InvalidRequest('prompt=none cannot be combined with other prompt values (OIDC Core §3.1.2.1).'));
  }
  state.request.prompt = prompt;
};

/** OIDC Core §3.1.2.1: max_age is a non-negative number of seconds. */
export const checkMaxAge: AuthorizeStep = (state) => {
  const raw = state.params.max_age;
  if (raw === undefined || raw === '') {
    state.request.maxAge = null;
    return;
  }
  if (!/^\d{1,10}$/.test(raw)) fail(state, new InvalidRequest(`max_age must be a non-negative integer number of seconds, not "${raw}".`));
  state.request.maxAge = Number(raw);
};

/**
 * OIDC Core §6: request objects are not supported, by value (§6.1) or by reference (§6.2), as
 * discovery says (`request_parameter_supported`, `request_uri_parameter_supported`: false); each has
 * its own error code (§3.1.2.6), sent back to the already trusted redirect URI.
 */
const refuseRequestObjects: AuthorizeStep = (state) => {
  const hint = 'Send the authorization parameters themselves in the query string (or a form POST); Olympus reads no request object.';
  if (state.params.request) fail(state, new RequestNotSupported('The request parameter (a request object, OIDC Core §6.1) is not supported.', { hint }));
  if (state.params.request_uri) {
    fail(state, new RequestUriNotSupported('The request_uri parameter (a request object by reference, OIDC Core §6.2) is not supported.', { hint }));
  }
};

/** Plain pass-through parameters, bounded so a request cannot bloat the stored flow. */
export const copyOidcParams: AuthorizeStep = (state) => {
  for (const name of ['state', 'nonce', 'login_hint', 'ui_locales', 'acr_values', 'display']) {
    const value = state.params[name] ?? '';
    if (value.length > MAX_PARAM_LENGTH) fail(state, new InvalidRequest(`The ${name} parameter is longer than ${MAX_PARAM_LENGTH} characters.`));
  }
  refuseRequestObjects(state);
  const p = state.params;
  Object.assign(state.request, {
    state: p.state ?? '',
    nonce: p.nonce ?? '',
    loginHint: p.login_hint ?? '',
    uiLocales: split(p.ui_locales),
    acrValues: split(p.acr_values),
    display: p.display ?? '',
  });
};

/** id_token_hint must be an ID token Olympus issued to this client (OIDC Core §3.1.2.1). */
export const checkIdTokenHint: AuthorizeStep = async (state) => {
  const hint = state.params.id_token_hint;
  state.request.idTokenHintClaims = {};
  if (!hint) return;
  const claims = await verifyIdTokenHint(state.ctx, hint);
  if (!claims) {
    fail(state, new LoginRequired('The id_token_hint is not a valid ID token issued by this server.', {
      hint: 'Send an ID token Olympus issued (expired ones are fine), or drop id_token_hint.',
    }));
  }
  state.request.idTokenHintClaims = claims as Record<string, unknown>;
};

import { InvalidRequest, LoginRequired } from '../errors.ts';
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

/** Plain pass-through parameters, bounded so a request cannot bloat the stored flow. */
export const copyOidcParams: AuthorizeStep = (state) => {
  for (const name of ['state', 'nonce', 'login_hint', 'ui_locales', 'acr_values', 'display']) {
    const value = state.params[name] ?? '';
    if (value.length > MAX_PARAM_LENGTH) fail(state, new InvalidRequest(`The ${name} parameter is longer than ${MAX_PARAM_LENGTH} characters.`));
  }
  if (state.params.request || state.params.request_uri) {
    fail(state, new InvalidRequest('Request objects (request, request_uri) are not supported.', { hint: 'Send the parameters in the query string.' }));
  }
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

/**
 * The settings of an authorization run: the client and the request parameters a developer may vary.
 * Read from the setup form or a share link's query (never tokens, secrets, state or verifier), bounded
 * and normalised; an empty value means "not sent".
 */
import { PLAYGROUND_CLIENT_ID } from './client.ts';

/** The optional authorization request parameters the setup form offers, in its order. */
export const PARAMETERS = ['scope', 'prompt', 'max_age', 'acr_values', 'ui_locales', 'login_hint', 'response_mode', 'audience'] as const;
export type Parameter = (typeof PARAMETERS)[number];

export type Settings = { client_id: string } & Record<Parameter, string>;

export const DEFAULT_SCOPE = 'openid offline_access email profile';
/** OIDC Core §3.1.2.1 prompt values, and the one combination that makes sense. */
export const PROMPTS = ['', 'login', 'consent', 'select_account', 'none', 'login consent'] as const;
/** RFC 6749 §4.1.2 (query) and OAuth 2.0 Form Post Response Mode. */
export const RESPONSE_MODES = ['query', 'form_post'] as const;

export const defaultSettings = (): Settings => ({
  client_id: PLAYGROUND_CLIENT_ID, scope: DEFAULT_SCOPE, prompt: '', max_age: '', acr_values: '', ui_locales: '', login_hint: '', response_mode: 'query', audience: '',
});

/** Long enough for any real value; a longer one is cut, never refused: the server answers for the rest. */
const MAX_LENGTH = 512;

const clean = (value: unknown): string =>
  typeof value === 'string' ? value.replace(/[\u0000-\u001f\u007f]/g, '').trim().replace(/\s+/g, ' ').slice(0, MAX_LENGTH) : '';

/** Settings from a form or a query; what is missing keeps its default. */
export const settingsFrom = (input: Readonly<Record<string, unknown>>): Settings => {
  const base = defaultSettings();
  const value = (name: keyof Settings): string => (name in input ? clean(input[name]) : base[name]);
  const mode = value('response_mode');
  return {
    client_id: value('client_id') || PLAYGROUND_CLIENT_ID,
    scope: value('scope'),
    prompt: value('prompt'),
    max_age: /^\d{1,9}$/.test(value('max_age')) ? value('max_age') : '',
    acr_values: value('acr_values'),
    ui_locales: value('ui_locales'),
    login_hint: value('login_hint'),
    response_mode: (RESPONSE_MODES as readonly string[]).includes(mode) ? mode : 'query',
    audience: value('audience'),
  };
};

/** Whether a query string carries any setting (a share link), not just e.g. the logout's `state`. */
export const carriesSettings = (query: Readonly<Record<string, unknown>>): boolean =>
  ['client_id', ...PARAMETERS].some((name) => typeof query[name] === 'string');

/** A link that reopens the setup with these settings: only what differs from the defaults. */
export const shareLink = (playgroundUrl: string, settings: Settings): string => {
  const base = defaultSettings();
  const url = new URL(playgroundUrl);
  for (const name of ['client_id', ...PARAMETERS] as const) {
    if (settings[name] !== base[name]) url.searchParams.set(name, settings[name]);
  }
  return url.toString();
};

/**
 * The New Client form with seed 002's labels (Name, Client type, Redirect URI, Allowed grant types,
 * Allowed scopes, Response types, PKCE required) and the rest of the common metadata. What it posts
 * becomes the admin API's client metadata, validated by the same ClientService; an error is shown at
 * the field it names.
 */
import { html, type SafeHtml } from '@olympus/http';
import { GRANT_TYPES, type OAuth2Client } from '@olympus/oauth2';
import type { MessageKey } from '../../i18n/en.ts';
import type { Translator } from '../../i18n/translator.ts';

/**
 * The posted form. A form parameter is sent once (the edge refuses repeats, RFC 6749 §3.1), so each
 * checkbox of a list has its own name, `<list>.<value>`.
 */
export type ClientForm = Record<string, string>;

const AUTH_METHODS = ['client_secret_basic', 'client_secret_post', 'private_key_jwt', 'none'] as const;
const RESPONSE_TYPES = ['code'] as const;

const one = (form: ClientForm, name: string): string => (form[name] ?? '').trim();
/** The checked values of a checkbox list. */
const many = (form: ClientForm, name: string): string[] =>
  Object.keys(form).filter((key) => key.startsWith(`${name}.`) && form[key] === 'on').map((key) => key.slice(name.length + 1));
const lines = (form: ClientForm, name: string): string[] => one(form, name).split(/\r?\n/).map((s) => s.trim()).filter(Boolean);

/** Admin API metadata from the posted form; the token endpoint auth method follows the client type unless chosen. */
export const metadataOf = (form: ClientForm): Record<string, unknown> => {
  const type = one(form, 'client_type') === 'confidential' ? 'confidential' : 'public';
  const chosen = one(form, 'token_endpoint_auth_method');
  const metadata: Record<string, unknown> = {
    client_name: one(form, 'client_name'),
    token_endpoint_auth_method: chosen || (type === 'public' ? 'none' : 'client_secret_basic'),
    redirect_uris: lines(form, 'redirect_uris'),
    grant_types: many(form, 'grant_types'),
    scope: one(form, 'scope').split(/[\s,]+/).filter(Boolean).join(' '),
    response_types: many(form, 'response_types'),
    skip_consent: one(form, 'skip_consent') === 'on',
    post_logout_redirect_uris: lines(form, 'post_logout_redirect_uris'),
    audience: lines(form, 'audience'),
    allowed_cors_origins: lines(form, 'allowed_cors_origins'),
  };
  const backchannel = one(form, 'backchannel_logout_uri');
  if (backchannel) metadata.backchannel_logout_uri = backchannel;
  return metadata;
};

/** Which form field an admin API validation message is about ("Field redirect_uris …"). */
export const fieldOfError = (description: string, redirectUriError: boolean): string => {
  if (redirectUriError) return 'redirect_uris';
  const named = /\b[Ff]ields? "?([a-z_]+)/.exec(description)?.[1];
  return named ?? '';
};

interface FieldState {
  t: Translator;
  form: ClientForm;
  errors: Record<string, string>;
}

const errorOf = (s: FieldState, name: string): SafeHtml =>
  s.errors[name] ? html`<p class="error" id="${name}-error">${s.errors[name]}</p>` : html``;
const described = (s: FieldState, name: string, hint: boolean): string =>
  [hint ? `${name}-hint` : '', s.errors[name] ? `${name}-error` : ''].filter(Boolean).join(' ');
const invalid = (s: FieldState, name: string): SafeHtml => (s.errors[name] ? html` aria-invalid="true"` : html``);

const textField = (s: FieldState, name: string, label: MessageKey, hint?: MessageKey, multiline = false): SafeHtml => {
  const describedBy = described(s, name, hint !== undefined);
  const aria = describedBy ? html` aria-describedby="${describedBy}"` : html``;
  const input = multiline
    ? html`<textarea id="${name}" name="${name}"${aria}${invalid(s, name)}>${one(s.form, name)}</textarea>`
    : html`<input id="${name}" type="text" name="${name}" value="${one(s.form, name)}"${aria}${invalid(s, name)}>`;
  return html`<div class="field"><label for="${name}">${s.t.t(label)}</label>${input}${hint ? html`<p class="hint" id="${name}-hint">${s.t.t(hint)}</p>` : html``}${errorOf(s, name)}</div>`;
};

const group = (s: FieldState, name: string, legend: MessageKey, inputs: SafeHtml[]): SafeHtml =>
  html`<fieldset${s.errors[name] ? html` aria-describedby="${name}-error"` : html``}><legend>${s.t.t(legend)}</legend>
${inputs}
${errorOf(s, name)}</fieldset>`;

const checkboxes = (s: FieldState, name: string, legend: MessageKey, values: readonly string[]): SafeHtml => {
  const chosen = many(s.form, name);
  return group(s, name, legend, values.map((v) => html`<label><input type="checkbox" name="${name}.${v}"${chosen.includes(v) ? html` checked` : html``}> ${v}</label>`));
};

const radios = (s: FieldState, name: string, legend: MessageKey, values: ReadonlyArray<{ value: string; label: string }>): SafeHtml =>
  group(s, name, legend, values.map(({ value, label }) => html`<label><input type="radio" name="${name}" value="${value}"${one(s.form, name) === value ? html` checked` : html``}> ${label}</label>`));

/** The form's values for an existing client (editing): the same names the form posts. */
export const formOfClient = (c: OAuth2Client): ClientForm => ({
  client_name: c.client_name,
  client_type: c.token_endpoint_auth_method === 'none' ? 'public' : 'confidential',
  token_endpoint_auth_method: c.token_endpoint_auth_method,
  redirect_uris: c.redirect_uris.join('\n'),
  scope: c.scope,
  skip_consent: c.skip_consent ? 'on' : '',
  post_logout_redirect_uris: c.post_logout_redirect_uris.join('\n'),
  audience: c.audience.join('\n'),
  allowed_cors_origins: c.allowed_cors_origins.join('\n'),
  backchannel_logout_uri: c.backchannel_logout_uri,
  ...Object.fromEntries(c.grant_types.map((g) => [`grant_types.${g}`, 'on'])),
  ...Object.fromEntries(c.response_types.map((r) => [`response_types.${r}`, 'on'])),
});

/** Where the form posts and what its heading says: New Client, or editing one. */
export interface FormTarget {
  action: string;
  heading: string;
}

export const clientFormBody = (t: Translator, form: ClientForm, errors: Record<string, string>, csrf: string, target: FormTarget): SafeHtml => {
  const s: FieldState = { t, form, errors };
  const count = Object.keys(errors).length;
  const method = one(form, 'token_endpoint_auth_method');
  return html`<h1>${target.heading}</h1>
${count > 0 ? html`<div role="alert"><p>${t.t('client.errors', { count })}</p>${errors[''] ? html`<p>${errors['']}</p>` : html``}</div>` : html``}
<form method="post" action="${target.action}" novalidate>
<input type="hidden" name="csrf_token" value="${csrf}">
${textField(s, 'client_name', 'client.field.name')}
${radios(s, 'client_type', 'client.field.type', [{ value: 'public', label: t.t('clients.type.public') }, { value: 'confidential', label: t.t('clients.type.confidential') }])}
<p class="hint">${t.t('client.field.type.public_hint')} ${t.t('client.field.type.confidential_hint')}</p>
${textField(s, 'redirect_uris', 'client.field.redirect_uris', 'client.field.redirect_uris.hint', true)}
${checkboxes(s, 'grant_types', 'client.field.grant_types', GRANT_TYPES)}
${textField(s, 'scope', 'client.field.scope', 'client.field.scope.hint')}
${checkboxes(s, 'response_types', 'client.field.response_types', RESPONSE_TYPES)}
<div class="field"><label><input type="checkbox" name="pkce_required" checked disabled aria-describedby="pkce-hint"> ${t.t('client.field.pkce')}</label>
<p class="hint" id="pkce-hint">${t.t('client.field.pkce.hint')}</p></div>
<div class="field"><label for="token_endpoint_auth_method">${t.t('client.field.auth_method')}</label>
<select id="token_endpoint_auth_method" name="token_endpoint_auth_method" aria-describedby="token_endpoint_auth_method-hint">
<option value=""${method === '' ? html` selected` : html``}>${t.t('client.field.auth_method.auto')}</option>
${AUTH_METHODS.map((m) => html`<option value="${m}"${method === m ? html` selected` : html``}>${m}</option>`)}
</select><p class="hint" id="token_endpoint_auth_method-hint">${t.t('client.field.auth_method.hint')}</p>${errorOf(s, 'token_endpoint_auth_method')}</div>
<div class="field"><label><input type="checkbox" name="skip_consent"${one(form, 'skip_consent') === 'on' ? html` checked` : html``}> ${t.t('client.field.skip_consent')}</label></div>
${textField(s, 'post_logout_redirect_uris', 'client.field.post_logout', 'client.field.list_hint', true)}
${textField(s, 'audience', 'client.field.audience', 'client.field.list_hint', true)}
${textField(s, 'allowed_cors_origins', 'client.field.cors', 'client.field.list_hint', true)}
${textField(s, 'backchannel_logout_uri', 'client.field.backchannel')}
<button type="submit" class="primary">${t.t('client.save')}</button>
</form>`;
};

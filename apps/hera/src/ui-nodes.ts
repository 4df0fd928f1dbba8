/**
 * Renders a self-service flow's `ui` container generically from its nodes, so any method the identity
 * server adds appears without Hera changes: inputs become labelled fields, submit inputs become
 * `<button name="method">`, text/img/a nodes are shown as they are, messages are announced. Texts go
 * through the translator by message id; the server's English is the fallback.
 */
import { html, type SafeHtml } from '@olympus/http';
import type { UiContainer, UiNode, UiNodeInputAttributes, UiText } from '@olympus/identity';
import type { Translator } from './i18n/translator.ts';

/** Errors are announced at once (role="alert"); info and success are polite status text. */
export const messageList = (t: Translator, messages: readonly UiText[] | undefined, id?: string): SafeHtml => {
  if (!messages || messages.length === 0) return html``;
  return html`<div class="messages"${id ? html` id="${id}"` : ''}>${messages.map((m) =>
    html`<p class="message ${m.type}" data-message-id="${m.id}" ${m.type === 'error' ? html`role="alert"` : html`role="status"`}>${t.text(m)}</p>`)}</div>`;
};

/** Unique per form: a page with one form per method group repeats the `default` nodes in each. */
const fieldId = (formKey: string, attrs: UiNodeInputAttributes, index: number): string => `field-${formKey}-${index}-${attrs.name.replace(/[^\w-]/g, '_')}`;

const valueOf = (value: unknown): string | undefined =>
  value === undefined || value === null ? undefined : typeof value === 'string' ? value : String(value);

/**
 * The form's own error list (flow-level messages such as 4000006 "credentials not valid"): every
 * visible field is described by it, and the fields the server left empty after the failed submission
 * (secrets are never echoed back) are marked invalid, so a screen reader names the error at the
 * field the user has to retype (WCAG 2.2 §3.3.1).
 */
interface FormErrors {
  id: string;
}

interface FormContext {
  key: string;
  errors?: FormErrors;
}

const inputNode = (t: Translator, node: UiNode, attrs: UiNodeInputAttributes, index: number, form: FormContext): SafeHtml => {
  const formErrors = form.errors;
  const label = t.text(node.meta.label ?? attrs.label, attrs.name);
  const value = valueOf(attrs.value);
  if (attrs.type === 'hidden') return html`<input type="hidden" name="${attrs.name}" value="${value ?? ''}">`;
  if (attrs.type === 'button' && SCRIPTED_GROUPS.includes(node.group)) return webauthnTrigger(t, attrs, label);
  if (attrs.type === 'submit' || attrs.type === 'button') {
    return html`<button type="submit" name="${attrs.name}" value="${value ?? ''}"${attrs.disabled ? html` disabled` : ''}>${label}</button>${messageList(t, node.messages)}`;
  }
  const id = fieldId(form.key, attrs, index);
  const checkbox = attrs.type === 'checkbox';
  const retype = formErrors !== undefined && attrs.required === true && (value === undefined || value === '');
  const invalid = node.messages.some((m) => m.type === 'error') || retype;
  // The messages are tied to the field (aria-describedby) so a screen reader reads them with it.
  const own = node.messages.length > 0 ? `${id}-messages` : undefined;
  const described = [own, formErrors?.id].filter((d) => d !== undefined).join(' ') || undefined;
  const input = html`<input id="${id}" name="${attrs.name}" type="${attrs.type}"${checkbox ? html` value="true"${attrs.value === true ? html` checked` : ''}` : value !== undefined ? html` value="${value}"` : ''}${attrs.required ? html` required` : ''}${attrs.disabled ? html` disabled` : ''}${attrs.autocomplete ? html` autocomplete="${attrs.autocomplete}"` : ''}${attrs.pattern ? html` pattern="${attrs.pattern}"` : ''}${attrs.maxlength ? html` maxlength="${attrs.maxlength}"` : ''}${invalid ? html` aria-invalid="true"` : ''}${described ? html` aria-describedby="${described}"` : ''}>`;
  return checkbox
    ? html`<div class="field checkbox">${input}<label for="${id}">${label}</label>${messageList(t, node.messages, own)}</div>`
    : html`<div class="field"><label for="${id}">${label}</label>${input}${messageList(t, node.messages, own)}</div>`;
};

const renderNode = (t: Translator, node: UiNode, index: number, form: FormContext): SafeHtml => {
  const attrs = node.attributes;
  switch (attrs.node_type) {
    case 'input': return inputNode(t, node, attrs, index, form);
    // Text nodes carry secrets to copy (TOTP key, recovery codes): monospace keeps 0/O and 1/l apart.
    // Its label (e.g. "keep these recovery codes somewhere safe") comes right before the text.
    case 'text': return html`${node.meta.label ? html`<p>${t.text(node.meta.label)}</p>` : ''}<p id="${attrs.id}">${attrs.id.includes('secret') ? html`<code>${t.text(attrs.text)}</code>` : t.text(attrs.text)}</p>${messageList(t, node.messages)}`;
    case 'img': return html`<img class="${attrs.id === 'totp_qr' ? 'qr' : ''}" id="${attrs.id}" src="${attrs.src}" width="${attrs.width}" height="${attrs.height}" alt="${t.text(node.meta.label, t.t('shell.image'))}">`;
    case 'a': return html`<p><a id="${attrs.id}" href="${attrs.href}">${t.text(attrs.title)}</a></p>`;
    // Kratos' `webauthn_script`: Hera loads that script from its page head instead (shell/layout.ts).
    case 'script': return html``;
  }
};

export interface FormOptions {
  /** Only the nodes of these groups (plus `default`, which carries csrf_token and identifiers). */
  groups?: readonly string[];
  /** Leave out the container's messages (a page showing several forms shows them once). */
  withoutMessages?: boolean;
  /** With withoutMessages: the id of the error list shown elsewhere on the page, which the fields refer to. */
  errorsId?: string;
}

/** The form: flow messages first, then the nodes in the order the identity server sent them. */
/**
 * Groups whose buttons send the browser to another site (oidc: "Sign in with …"): their form takes only
 * the hidden `default` nodes (csrf_token), not the identifier or traits fields, whose `required` would
 * otherwise stop the button.
 */
const REDIRECT_GROUPS: readonly string[] = ['oidc'];

/**
 * Groups whose buttons only start a ceremony in the WebAuthn script (identity's ui/webauthn.js): their form keeps
 * only the hidden shared fields too, and starts with a disabled submit button, so Enter in the name
 * field submits nothing (HTML §4.10.21.2: a disabled default button blocks implicit submission)
 * instead of pressing the first credential's remove button.
 */
const SCRIPTED_GROUPS: readonly string[] = ['passkey', 'webauthn'];

/** True when the flow carries a button only Hera's WebAuthn script can work (the page then loads it). */
export const needsWebauthnScript = (ui: UiContainer): boolean =>
  ui.nodes.some((n) => SCRIPTED_GROUPS.includes(n.group) && n.attributes.node_type === 'input' && n.attributes.type === 'button');

/** Hidden until the script shows it: without JavaScript nothing is drawn that cannot work. */
const webauthnTrigger = (t: Translator, attrs: UiNodeInputAttributes, label: string): SafeHtml =>
  html`<button type="button" name="${attrs.name}" value="${valueOf(attrs.value) ?? ''}" hidden data-webauthn-trigger>${label}</button><p class="message error webauthn-failed" role="alert" hidden>${t.t('webauthn.failed')}</p>`;

/** A form that submits a `method` of its own (a passkey sign-up's first step) carries the traits too. */
const submitsMethod = (ui: UiContainer, groups: readonly string[]): boolean =>
  ui.nodes.some((n) => groups.includes(n.group) && n.attributes.node_type === 'input' && n.attributes.type === 'submit' && n.attributes.name === 'method');

const sharedNodeFits = (node: UiNode, groups: readonly string[], ui: UiContainer): boolean =>
  !groups.every((g) => REDIRECT_GROUPS.includes(g) || SCRIPTED_GROUPS.includes(g)) || submitsMethod(ui, groups) || (node.attributes.node_type === 'input' && node.attributes.type === 'hidden');

export const uiForm = (t: Translator, ui: UiContainer, options: FormOptions = {}): SafeHtml => {
  const { groups } = options;
  const nodes = ui.nodes
    .map((node, index) => ({ node, index }))
    .filter(({ node }) => groups === undefined || (node.group === 'default' && sharedNodeFits(node, groups, ui)) || groups.includes(node.group));
  const shown = options.withoutMessages ? [] : (ui.messages ?? []);
  // One key per form on the page: a settings page renders one form per group.
  const key = groups === undefined ? 'all' : groups.join('-').replace(/[^\w-]/g, '_');
  const messagesId = `messages-${key}`;
  const errorsId = shown.some((m) => m.type === 'error') ? messagesId : options.errorsId;
  const form: FormContext = { key, errors: errorsId === undefined ? undefined : { id: errorsId } };
  return html`${messageList(t, shown, shown.length > 0 ? messagesId : undefined)}
<form method="post" action="${ui.action}">
${groups !== undefined && groups.every((g) => SCRIPTED_GROUPS.includes(g)) ? html`<button type="submit" disabled hidden></button>` : ''}
${nodes.map(({ node, index }) => renderNode(t, node, index, form))}
</form>`;
};

/**
 * The method groups a flow offers, in the order of their nodes; `default` (CSRF, identifier, traits)
 * belongs to all. The script node (group `webauthn`, as in Kratos) makes no group of its own.
 */
export const methodGroupsOf = (ui: UiContainer): string[] =>
  [...new Set(ui.nodes.filter((n) => n.type !== 'script').map((n) => n.group).filter((g) => g !== 'default'))];

/**
 * A flow with several methods (the second factor: authenticator app or recovery code) as one form
 * per method: in a single form the browser's own `required` check would demand every method's field
 * before any button submits. The flow's messages are shown once, above all forms.
 */
export const uiForms = (t: Translator, ui: UiContainer): SafeHtml => {
  const groups = methodGroupsOf(ui);
  if (groups.length <= 1) return uiForm(t, ui);
  const shown = ui.messages ?? [];
  const errorsId = shown.some((m) => m.type === 'error') ? 'messages-flow' : undefined;
  return html`${messageList(t, shown, shown.length > 0 ? 'messages-flow' : undefined)}
${groups.map((group) => uiForm(t, ui, { groups: [group], withoutMessages: true, errorsId }))}`;
};

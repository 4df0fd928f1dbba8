/**
 * Renders a self-service flow's `ui` container generically from its nodes, so any method the identity
 * server adds appears without Hera changes: inputs become labelled fields, submit inputs become
 * `<button name="method">`, text/img/a nodes are shown as they are, messages are announced.
 */
import { html, type SafeHtml } from '@olympus/http';
import type { UiContainer, UiNode, UiNodeInputAttributes, UiText } from '@olympus/identity';

/** Errors are announced at once (role="alert"); info and success are polite status text. */
export const messageList = (messages: readonly UiText[] | undefined): SafeHtml =>
  html`${(messages ?? []).map((m) => html`<p class="message ${m.type}" data-message-id="${m.id}" ${m.type === 'error' ? html`role="alert"` : html`role="status"`}>${m.text}</p>`)}`;

const fieldId = (attrs: UiNodeInputAttributes, index: number): string => `field-${index}-${attrs.name.replace(/[^\w-]/g, '_')}`;

const valueOf = (value: unknown): string | undefined =>
  value === undefined || value === null ? undefined : typeof value === 'string' ? value : String(value);

const inputNode = (node: UiNode, attrs: UiNodeInputAttributes, index: number): SafeHtml => {
  const label = node.meta.label?.text ?? attrs.label?.text ?? attrs.name;
  const value = valueOf(attrs.value);
  if (attrs.type === 'hidden') return html`<input type="hidden" name="${attrs.name}" value="${value ?? ''}">`;
  if (attrs.type === 'submit' || attrs.type === 'button') {
    return html`<button type="submit" name="${attrs.name}" value="${value ?? ''}" ${attrs.disabled ? html`disabled` : ''}>${label}</button>${messageList(node.messages)}`;
  }
  const id = fieldId(attrs, index);
  const checkbox = attrs.type === 'checkbox';
  return html`<div class="field">
<label for="${id}">${label}</label>
<input id="${id}" name="${attrs.name}" type="${attrs.type}" ${checkbox ? html`value="true"${attrs.value === true ? html` checked` : ''}` : value !== undefined ? html`value="${value}"` : ''}${attrs.required ? html` required` : ''}${attrs.disabled ? html` disabled` : ''}${attrs.autocomplete ? html` autocomplete="${attrs.autocomplete}"` : ''}${attrs.pattern ? html` pattern="${attrs.pattern}"` : ''}${attrs.maxlength ? html` maxlength="${attrs.maxlength}"` : ''}${node.messages.some((m) => m.type === 'error') ? html` aria-invalid="true"` : ''}>
${messageList(node.messages)}
</div>`;
};

const renderNode = (node: UiNode, index: number): SafeHtml => {
  const attrs = node.attributes;
  switch (attrs.node_type) {
    case 'input': return inputNode(node, attrs, index);
    case 'text': return html`<p id="${attrs.id}">${attrs.text.text}</p>${messageList(node.messages)}`;
    case 'img': return html`<img id="${attrs.id}" src="${attrs.src}" width="${attrs.width}" height="${attrs.height}" alt="${node.meta.label?.text ?? 'Image'}">`;
    case 'a': return html`<p><a id="${attrs.id}" href="${attrs.href}">${attrs.title.text}</a></p>`;
  }
};

/** The whole form: flow messages first, then every node in the order the identity server sent them. */
export const uiForm = (ui: UiContainer): SafeHtml => html`${messageList(ui.messages)}
<form method="post" action="${ui.action}">
${ui.nodes.map(renderNode)}
</form>`;

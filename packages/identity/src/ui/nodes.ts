/**
 * Builders for UI nodes in Kratos' shape (docs/compatibility.md §2.3), so strategies and flows
 * describe forms in one line each and every node has `messages` and `meta` as renderers expect.
 */
import type { UiNode, UiNodeGroup, UiNodeInputAttributes, UiText, WebAuthnTrigger } from './node.ts';
import { messages } from './messages.ts';

export interface InputOptions {
  value?: unknown;
  required?: boolean;
  disabled?: boolean;
  autocomplete?: string;
  pattern?: string;
  maxlength?: number;
  label?: UiText;
  onclickTrigger?: WebAuthnTrigger;
  onloadTrigger?: WebAuthnTrigger;
}

export const inputNode = (group: UiNodeGroup, name: string, type: UiNodeInputAttributes['type'], options: InputOptions = {}): UiNode => {
  const { label, ...rest } = options;
  const attributes: UiNodeInputAttributes = { name, type, disabled: false, node_type: 'input', ...rest };
  return { type: 'input', group, attributes, messages: [], meta: label ? { label } : {} };
};

/** The synchronizer token of browser flows: a hidden input in group `default` (ID-10). */
export const csrfNode = (token: string): UiNode =>
  inputNode('default', 'csrf_token', 'hidden', { value: token, required: true });

/** A submit button; Kratos' forms name it `method` and its value picks the strategy. */
export const submitNode = (group: UiNodeGroup, value: string, label: UiText, name = 'method'): UiNode =>
  inputNode(group, name, 'submit', { value, label });

export const textNode = (group: UiNodeGroup, id: string, text: UiText, label?: UiText): UiNode => ({
  type: 'text', group, attributes: { node_type: 'text', id, text }, messages: [], meta: label ? { label } : {},
});

export const imageNode = (group: UiNodeGroup, id: string, src: string, width: number, height: number, label?: UiText): UiNode => ({
  type: 'img', group, attributes: { node_type: 'img', id, src, width, height }, messages: [], meta: label ? { label } : {},
});

export const anchorNode = (group: UiNodeGroup, id: string, href: string, title: UiText): UiNode => ({
  type: 'a', group, attributes: { node_type: 'a', id, href, title }, messages: [], meta: { label: title },
});

/** The identifier input of first-factor logins (password, code, webauthn). */
export const identifierNode = (value = ''): UiNode =>
  inputNode('default', 'identifier', 'text', { value, required: true, autocomplete: 'username', label: messages.identifierLabel() });

/** The name of an input node, or the id of any other node. */
export const nodeName = (node: UiNode): string =>
  node.attributes.node_type === 'input' ? node.attributes.name : node.attributes.id;

/**
 * Attaches per-node messages (FlowValidationError.nodeMessages) and replaces those of earlier
 * submissions; nodes without new messages are cleared.
 */
export const withNodeMessages = (nodes: UiNode[], byName: Record<string, UiText[]>): UiNode[] =>
  nodes.map((node) => ({ ...node, messages: byName[nodeName(node)] ?? [] }));

/** Sets the value of named inputs (e.g. echoing the identifier after a failed login; never passwords). */
export const withValues = (nodes: UiNode[], values: Record<string, unknown>): UiNode[] =>
  nodes.map((node) => {
    const { attributes } = node;
    if (attributes.node_type !== 'input' || !(attributes.name in values) || attributes.type === 'password') return node;
    return { ...node, attributes: { ...attributes, value: values[attributes.name] } };
  });

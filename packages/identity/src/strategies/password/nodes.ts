/** The password method's form fields, as Kratos draws them. */
import type { UiNode } from '../../ui/node.ts';
import { messages } from '../../ui/messages.ts';
import { identifierNode, inputNode, submitNode } from '../../ui/nodes.ts';

export const passwordLoginNodes = (): UiNode[] => [
  identifierNode(),
  inputNode('password', 'password', 'password', { required: true, autocomplete: 'current-password', label: messages.passwordLabel() }),
  submitNode('password', 'password', messages.signIn()),
];

export const passwordRegistrationNodes = (): UiNode[] => [
  inputNode('password', 'password', 'password', { required: true, autocomplete: 'new-password', label: messages.passwordLabel() }),
  submitNode('password', 'password', messages.signUp()),
];

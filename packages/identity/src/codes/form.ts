/**
 * The forms of the code flows (recovery, verification), in Kratos' node layout so any renderer of
 * Kratos flows draws them (docs/compatibility.md §2.3): first the address, then the code with a
 * button that sends a new one.
 */
import type { SelfServiceFlow } from '../flows/flow.ts';
import { messages } from '../ui/messages.ts';
import type { UiContainer, UiNode, UiText } from '../ui/node.ts';
import { anchorNode, csrfNode, inputNode, submitNode } from '../ui/nodes.ts';

/** What differs between recovery and verification forms. */
export interface CodeFormTexts {
  codeLabel: () => UiText;
  codeSent: () => UiText;
}

/** Browser flows carry the synchronizer token; a flow an admin created for someone has none. */
const csrf = (flow: SelfServiceFlow): UiNode[] => (flow.type === 'browser' && flow.internal.csrfToken ? [csrfNode(flow.internal.csrfToken)] : []);

/** choose_method: the address to send a code to. */
export const addressForm = (flow: SelfServiceFlow): UiContainer => ({
  ...flow.ui,
  messages: [],
  nodes: [
    ...csrf(flow),
    inputNode('code', 'email', 'email', { required: true, autocomplete: 'email', label: messages.emailLabel() }),
    submitNode('code', 'code', messages.submitLabel()),
  ],
});

/**
 * sent_email: the code field, and `email` as a button that sends a new code to the same address
 * (none for a code an admin created: it went to no address).
 */
export const codeForm = (flow: SelfServiceFlow, address: string, texts: CodeFormTexts): UiContainer => ({
  ...flow.ui,
  messages: [texts.codeSent()],
  nodes: [
    ...csrf(flow),
    inputNode('code', 'code', 'text', { required: true, pattern: '[0-9]+', autocomplete: 'one-time-code', label: texts.codeLabel() }),
    submitNode('code', 'code', messages.continueLabel()),
    ...(address ? [inputNode('code', 'email', 'submit', { value: address, label: messages.resendCodeLabel() })] : []),
  ],
});

/** passed_challenge: the outcome, and a link onwards where there is one. */
export const doneForm = (flow: SelfServiceFlow, outcome: UiText, continueTo?: string): UiContainer => ({
  ...flow.ui,
  messages: [outcome],
  nodes: continueTo ? [anchorNode('code', 'continue', continueTo, messages.continueLabel())] : [],
});

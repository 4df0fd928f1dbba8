/** The lookup_secret method's nodes, with Kratos' names (lookup_secret, lookup_secret_codes, lookup_secret_*). */
import { messages } from '../../ui/messages.ts';
import type { UiNode, UiText } from '../../ui/node.ts';
import { inputNode, submitNode, textNode } from '../../ui/nodes.ts';
import type { StoredLookupCode } from './codes.ts';

const button = (name: string, label: UiText): UiNode => submitNode('lookup_secret', 'true', label, name);

export const lookupLoginNodes = (): UiNode[] => [
  inputNode('lookup_secret', 'lookup_secret', 'text', { required: true, autocomplete: 'off', label: messages.lookupCodeLabel() }),
  submitNode('lookup_secret', 'lookup_secret', messages.useLookupCode()),
];

/** Kratos' list text: 1050015 whose context.secrets holds one UiText per code, for renderers that draw a grid. */
const codeList = (entries: UiText[]): UiNode => {
  const list = messages.lookupSecretList(entries.map((e) => e.text));
  return textNode('lookup_secret', 'lookup_secret_codes', { ...list, context: { secrets: entries } }, messages.lookupSecretsLabel());
};

/** Just generated codes, shown this once, and the button that saves them. */
export const pendingCodesNodes = (codes: string[]): UiNode[] => [
  codeList(codes.map((code) => messages.lookupSecret(code))),
  button('lookup_secret_confirm', messages.confirmLookupSecrets()),
];

/**
 * "Show codes" of saved codes: only their hashes are stored, so each is shown as used (with the
 * date) or as still available, never its value.
 */
export const savedCodesNodes = (codes: readonly StoredLookupCode[]): UiNode[] => [
  codeList(codes.map((c) => (c.used_at ? messages.lookupSecretUsed(c.used_at) : messages.lookupSecret('••••••••')))),
];

export const manageNodes = (hasCodes: boolean): UiNode[] =>
  hasCodes
    ? [
        button('lookup_secret_reveal', messages.revealLookupSecrets()),
        button('lookup_secret_regenerate', messages.regenerateLookupSecrets()),
        button('lookup_secret_disable', messages.disableLookupSecrets()),
      ]
    : [button('lookup_secret_regenerate', messages.regenerateLookupSecrets())];

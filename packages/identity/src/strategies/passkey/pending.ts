/**
 * The first step of a passkey sign-up (Kratos' passkey registration): the traits were valid, now the
 * browser must create the passkey. Not an error for the user but the flow again, carrying the
 * creation options and the identity id the passkey's user handle was made from (W3C WebAuthn
 * Level 3 §5.4.3), which the second step's identity takes over.
 */
import type { UiNode } from '../../ui/node.ts';
import { FlowValidationError } from '../strategy.ts';

export class PasskeyCreationPending extends FlowValidationError {
  readonly nodes: UiNode[];
  readonly identityId: string;
  constructor(nodes: UiNode[], identityId: string) {
    super([]);
    this.nodes = nodes;
    this.identityId = identityId;
  }
}

/** Where the first step keeps the identity id in the flow's server-side state. */
export const PENDING_IDENTITY_KEY = 'passkeyIdentityId';

/** The registration flow's nodes after the first step: the creation nodes replace earlier ones. */
export const withCreationNodes = (nodes: UiNode[], created: UiNode[]): UiNode[] => {
  const names = new Set(created.map((n) => (n.attributes as { name?: string }).name));
  return [...nodes.filter((n) => !names.has((n.attributes as { name?: string }).name)), ...created];
};

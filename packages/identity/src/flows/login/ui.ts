import type { Identity } from '../../identities/identity.ts';
import { loginStrategies } from '../../strategies/index.ts';
import { messages } from '../../ui/messages.ts';
import type { UiContainer, UiNode, UiText } from '../../ui/node.ts';
import { csrfNode, withValues } from '../../ui/nodes.ts';
import type { SelfServiceFlow } from '../flow.ts';

/**
 * A login flow's form: the CSRF node of browser flows, then every strategy's nodes for the requested
 * level. A re-authentication shows whose session it confirms (the identifier filled in).
 */
export const loginUi = (flow: SelfServiceFlow, identity?: Identity): UiContainer => {
  const nodes: UiNode[] = flow.type === 'browser' ? [csrfNode(flow.internal.csrfToken)] : [];
  for (const strategy of Object.values(loginStrategies)) nodes.push(...strategy.loginNodes(flow, flow.requestedAal, identity));
  const identifier = identity?.credentials.password?.identifiers[0];
  const shown = flow.refresh && identifier ? withValues(nodes, { identifier }) : nodes;
  const notes: UiText[] = [];
  if (flow.requestedAal === 'aal2') notes.push(messages.secondFactorRequired());
  else if (flow.refresh) notes.push(messages.confirmItIsYou());
  return { ...flow.ui, nodes: shown, ...(notes.length > 0 ? { messages: notes } : {}) };
};

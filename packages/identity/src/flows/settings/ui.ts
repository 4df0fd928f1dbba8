/**
 * A settings flow's form: the CSRF node of browser flows, then each settings method's part for
 * this identity (profile traits, new password, TOTP setup or removal, recovery codes). Building it
 * also yields each method's state to keep in the flow (a pending TOTP secret stays the same).
 */
import type { IdentityContext } from '../../context.ts';
import type { Identity } from '../../identities/identity.ts';
import { settingsStrategies } from '../../strategies/index.ts';
import type { UiNode, UiText } from '../../ui/node.ts';
import { csrfNode } from '../../ui/nodes.ts';
import type { SelfServiceFlow } from '../flow.ts';
import type { MethodStates } from './state.ts';

/** Sets the flow's UI and method states for `identity`; `notes` become the flow's messages. */
export const renderSettings = async (
  ctx: IdentityContext,
  flow: SelfServiceFlow,
  identity: Identity,
  states: MethodStates,
  notes: UiText[] = [],
): Promise<void> => {
  const nodes: UiNode[] = flow.type === 'browser' ? [csrfNode(flow.internal.csrfToken)] : [];
  const kept: MethodStates = {};
  for (const strategy of Object.values(settingsStrategies)) {
    const form = await strategy.settingsForm(ctx, identity, states[strategy.method]);
    nodes.push(...form.nodes);
    if (form.state) kept[strategy.method] = form.state;
  }
  flow.ui = { action: flow.ui.action, method: 'POST', nodes, ...(notes.length > 0 ? { messages: notes } : {}) };
  flow.internal.settingsStates = kept;
};

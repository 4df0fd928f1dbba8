import type { Identity } from '../../identities/identity.ts';
import type { OlympusConfig } from '@olympus/config';
import { loginStrategies, redirectStrategies } from '../../strategies/index.ts';
import { messages } from '../../ui/messages.ts';
import type { UiContainer, UiNode, UiText } from '../../ui/node.ts';
import { csrfNode, withValues } from '../../ui/nodes.ts';
import type { SelfServiceFlow } from '../flow.ts';
import { knownLoginRequest } from '../oauth2-request.ts';

/**
 * The identifier the form starts with: on a re-authentication, whose session it confirms; on the
 * first step of an OAuth2 login, the app's `login_hint` (OIDC Core §3.1.2.1) — the user can change it.
 */
const prefilledIdentifier = (flow: SelfServiceFlow, identity?: Identity): string | undefined => {
  if (flow.refresh) return identity?.credentials.password?.identifiers[0];
  return flow.requestedAal === 'aal1' ? knownLoginRequest(flow)?.oidcContext.loginHint || undefined : undefined;
};

/** With passkeys offered, the identifier field also lists them (WebAuthn conditional mediation: `autocomplete="username webauthn"`). */
const withConditionalPasskeys = (nodes: UiNode[]): UiNode[] =>
  !nodes.some((n) => n.group === 'passkey') ? nodes : nodes.map((n) =>
    n.attributes.node_type === 'input' && n.attributes.name === 'identifier' ? { ...n, attributes: { ...n.attributes, autocomplete: 'username webauthn' } } : n);

/**
 * A login flow's form: the CSRF node of browser flows, then every strategy's nodes for the requested
 * level. A re-authentication shows whose session it confirms (the identifier filled in).
 */
export const loginUi = (config: OlympusConfig, flow: SelfServiceFlow, identity?: Identity): UiContainer => {
  const nodes: UiNode[] = flow.type === 'browser' ? [csrfNode(flow.internal.csrfToken)] : [];
  for (const strategy of Object.values(loginStrategies)) nodes.push(...strategy.loginNodes(flow, flow.requestedAal, identity, config));
  for (const strategy of Object.values(redirectStrategies)) nodes.push(...strategy.flowNodes(config, flow));
  const prefill = prefilledIdentifier(flow, identity);
  const shown = withConditionalPasskeys(prefill ? withValues(nodes, { identifier: prefill }) : nodes);
  const notes: UiText[] = [];
  if (flow.requestedAal === 'aal2') notes.push(messages.secondFactorRequired());
  else if (flow.refresh) notes.push(messages.confirmItIsYou());
  return { ...flow.ui, nodes: shown, ...(notes.length > 0 ? { messages: notes } : {}) };
};

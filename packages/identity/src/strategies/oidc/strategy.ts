/**
 * The `oidc` method in login and registration flows: one submit button per provider in group `oidc`
 * (Kratos' node: input, type submit, name `provider`, value the provider id, label 1010002 "Sign in
 * with …" or 1040002 "Sign up with …"), and a submission that sends the browser to the provider
 * (start.ts). The callback (callback.ts) completes the flow.
 */
import { messages } from '../../ui/messages.ts';
import { inputNode } from '../../ui/nodes.ts';
import type { RedirectStrategy } from '../strategy.ts';
import { oidcProviders } from './providers.ts';
import { startOidc } from './start.ts';

export const oidcStrategy: RedirectStrategy = {
  method: 'oidc',
  flowNodes: (config, flow) => {
    // A first factor only: no provider buttons on a second-factor step or a re-authentication (not yet).
    if (flow.kind === 'login' && (flow.requestedAal !== 'aal1' || flow.refresh)) return [];
    const label = flow.kind === 'registration' ? messages.signUpWith : messages.signInWith;
    return oidcProviders(config).map((p) => inputNode('oidc', 'provider', 'submit', { value: p.id, label: label(p.label) }));
  },
  redirect: startOidc,
};

import { loadSchemas } from '../../schemas/registry.ts';
import { redirectStrategies, registrationStrategies } from '../../strategies/index.ts';
import type { IdentityContext } from '../../context.ts';
import type { UiContainer, UiNode } from '../../ui/node.ts';
import { csrfNode } from '../../ui/nodes.ts';
import type { SelfServiceFlow } from '../flow.ts';
import { traitsNodes } from './traits-nodes.ts';

/** The registration form: CSRF (browsers), the default schema's trait fields, every strategy's nodes. */
export const registrationUi = (ctx: IdentityContext, flow: SelfServiceFlow): UiContainer => {
  const schemas = loadSchemas(ctx.config);
  const schema = schemas.get(schemas.defaultId);
  const nodes: UiNode[] = flow.type === 'browser' ? [csrfNode(flow.internal.csrfToken)] : [];
  if (schema) nodes.push(...traitsNodes(schema));
  for (const strategy of Object.values(registrationStrategies)) nodes.push(...strategy.registrationNodes(flow, ctx.config));
  for (const strategy of Object.values(redirectStrategies)) nodes.push(...strategy.flowNodes(ctx.config, flow));
  return { ...flow.ui, nodes };
};

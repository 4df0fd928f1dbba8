import type { IdentityContext } from '../context.ts';
import type { SelfServiceFlow } from './flow.ts';
import { recreateLoginFlow } from './login/create.ts';
import { ensureNotExpired, loadFlow } from './lookup.ts';
import { recreateRegistrationFlow } from './registration/create.ts';

const RECREATE = { login: recreateLoginFlow, registration: recreateRegistrationFlow } as const;

/**
 * GET /self-service/{login,registration}/flows?id=: the flow for its UI, or 410 with its successor
 * when it expired. Kratos checks CSRF only on submit, and so does Olympus.
 */
export const getFlowForUi = async (
  ctx: IdentityContext,
  kind: keyof typeof RECREATE,
  id: string | undefined,
  csrfSecret: string | undefined,
): Promise<SelfServiceFlow> => {
  const flow = await loadFlow(ctx, kind, id);
  await ensureNotExpired(ctx, flow, () => RECREATE[kind](ctx, flow, csrfSecret));
  return flow;
};

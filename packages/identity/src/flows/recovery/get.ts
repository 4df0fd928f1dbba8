import type { IdentityContext } from '../../context.ts';
import { getCodeFlow } from '../../codes/get.ts';
import type { SelfServiceFlow } from '../flow.ts';
import { recoverySpec } from './spec.ts';

/** GET /self-service/recovery/flows?id= (410 with the successor when expired). */
export const getRecoveryFlow = (ctx: IdentityContext, id: string | undefined, csrfSecret: string | undefined): Promise<SelfServiceFlow> =>
  getCodeFlow(ctx, recoverySpec, id, csrfSecret);

import type { IdentityContext } from '../../context.ts';
import { getCodeFlow } from '../../codes/get.ts';
import type { SelfServiceFlow } from '../flow.ts';
import { verificationSpec } from './spec.ts';

/** GET /self-service/verification/flows?id= (410 with the successor when expired). */
export const getVerificationFlow = (ctx: IdentityContext, id: string | undefined, csrfSecret: string | undefined): Promise<SelfServiceFlow> =>
  getCodeFlow(ctx, verificationSpec, id, csrfSecret);

import type { IdentityContext } from '../context.ts';
import type { Identity } from './identity.ts';
import { isUuid } from './ids.ts';

/** The identity an id (an OAuth2 subject, say) names, or undefined when it is not one or is gone. */
export const findIdentity = async (ctx: IdentityContext, id: string): Promise<Identity | undefined> =>
  isUuid(id) ? ctx.storage.identities.getIdentity(id) : undefined;

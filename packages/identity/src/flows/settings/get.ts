/**
 * GET /self-service/settings/flows?id= (docs/compatibility.md §2.1): only with a session of the flow's
 * identity at the required level; an expired flow is answered 410 with its successor.
 */
import type { IdentityContext } from '../../context.ts';
import type { CurrentSession } from '../../sessions/lookup.ts';
import { ensureNotExpired, loadFlow } from '../lookup.ts';
import { checkOwner, checkSettingsAal, requireSession, settingsUiUrl } from './access.ts';
import { recreateSettingsFlow, type SettingsFlowView } from './create.ts';

export const getSettingsFlow = async (
  ctx: IdentityContext,
  id: string | undefined,
  current: CurrentSession | undefined,
  csrfSecret: string | undefined,
): Promise<SettingsFlowView> => {
  const session = requireSession(current);
  const flow = await loadFlow(ctx, 'settings', id);
  checkOwner(flow, session);
  checkSettingsAal(ctx, session, settingsUiUrl(ctx, flow.id));
  await ensureNotExpired(ctx, flow, () => recreateSettingsFlow(ctx, flow, csrfSecret, session.identity));
  return { flow, identity: session.identity };
};

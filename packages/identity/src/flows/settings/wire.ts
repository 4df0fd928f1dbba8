/** Kratos' settings flow JSON (docs/compatibility.md §2.3): the common flow shape plus `identity` and `continue_with`. */
import type { Identity } from '../../identities/identity.ts';
import { publicIdentity } from '../../sessions/wire.ts';
import type { SelfServiceFlow } from '../flow.ts';
import { toWire, type WireFlow } from '../wire.ts';

export const settingsWire = (flow: SelfServiceFlow, identity: Identity): WireFlow => {
  const continueWith = flow.state === 'success' && flow.returnTo ? [{ action: 'redirect_browser_to', redirect_browser_to: flow.returnTo }] : [];
  return { ...toWire(flow), identity: publicIdentity(identity), continue_with: continueWith };
};

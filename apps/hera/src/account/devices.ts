/** The user's other live sessions for the devices page: every one of them, newest first. */
import { listMyOtherSessions, type CurrentSession, type IdentityContext, type Session } from '@olympus/identity';

/** More than anyone signs in from at once; the list stays one page (no paging on this page). */
const MAX_DEVICES = 250;

export const listDevices = (identity: IdentityContext, current: CurrentSession): Promise<Session[]> =>
  listMyOtherSessions(identity, current, MAX_DEVICES);

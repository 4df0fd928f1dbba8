/**
 * When a login flow may start, given the session the request already has (docs/compatibility.md §2.4):
 * a session → session_already_available unless re-authenticating (refresh=true) or stepping up
 * (aal=aal2); aal=aal2 needs a session (session_aal1_required) that is not aal2 already.
 */
import { BadRequest, SessionAal1Required, SessionAalAlreadyFulfilled, SessionAlreadyAvailable } from '../../errors.ts';
import type { CurrentSession } from '../../sessions/lookup.ts';
import type { Aal } from '../../sessions/session.ts';

export const alreadyLoggedIn = (): SessionAlreadyAvailable =>
  new SessionAlreadyAvailable('A valid session was detected and thus login is not possible.', {
    reason: 'This browser or token already has a session. Log out first, or ask for refresh=true to re-authenticate.',
  });

export const checkLoginAllowed = (current: CurrentSession | undefined, refresh: boolean, aal: Aal): void => {
  if (aal === 'aal2') {
    if (current === undefined) {
      throw new SessionAal1Required('A higher authenticator assurance level (aal2) needs an active session.', {
        reason: 'Log in with the first factor first; aal=aal2 adds a second factor to an existing session.',
      });
    }
    if (current.session.authenticator_assurance_level === 'aal2' && !refresh) {
      throw new SessionAalAlreadyFulfilled('The session already has the requested authenticator assurance level.', {
        reason: 'The session completed a second factor already; there is nothing to step up to.',
      });
    }
    return;
  }
  if (current !== undefined && !refresh) throw alreadyLoggedIn();
};

/** `?aal=`: empty or aal1 is a first-factor login, aal2 a step-up; aal3 does not exist yet. */
export const parseAal = (raw: string | undefined): Aal => {
  if (raw === undefined || raw === '' || raw === 'aal1') return 'aal1';
  if (raw === 'aal2') return 'aal2';
  throw new BadRequest(`Unsupported authenticator assurance level "${raw}".`, { reason: 'Use aal=aal1 or aal=aal2.' });
};

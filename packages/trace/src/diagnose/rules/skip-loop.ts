/**
 * The skip-login loop of a custom login UI (seed 003): the login request said `skip: true` (the user
 * has a remembered session) but the UI showed a form instead of accepting, so the request was fetched
 * again or expired without a `login_accepted`. Read from the chain, not from one refused event:
 * a `login_request` with skip, no accepted login for its challenge afterwards, and either another
 * fetch of that challenge or its expiry (the event's time plus `expires_in_ms`) before `now`.
 */
import type { TraceEvent } from '../../event.ts';
import { flagAt, numberAt, shownDuration } from '../read-evidence.ts';
import { failure, line, type FailureRule } from '../rule.ts';

const sameChallenge = (a: TraceEvent, b: TraceEvent): boolean => a.challengeId === b.challengeId;

export const skipNotAccepted: FailureRule = (event, chain, now) => {
  if (event.stop !== 'login_request' || event.outcome !== 'ok' || flagAt(event, 'skip') !== true) return undefined;
  const after = chain.slice(chain.indexOf(event) + 1).filter((e) => sameChallenge(e, event));
  if (after.some((e) => e.stop === 'login_accepted' && e.outcome === 'ok')) return undefined;
  const fetchedAgain = after.filter((e) => e.stop === 'login_request').length;
  const expiresIn = numberAt(event, 'expires_in_ms');
  const expired = expiresIn !== undefined && Date.parse(event.time) + expiresIn <= now;
  if (fetchedAgain === 0 && !expired) return undefined;
  return failure(event, 'skip_not_accepted', {
    summary: `The login request said skip: true, but the login UI never accepted it; it ${fetchedAgain > 0 ? `fetched the request ${fetchedAgain} more time(s)` : 'let it expire'}.`,
    evidence: [
      line('skip', 'yes'),
      line('login accepted', 'no'),
      line('fetched again', String(fetchedAgain)),
      line('challenge', event.challengeId ?? 'unknown'),
      line('expires in (when fetched)', shownDuration(expiresIn)),
    ],
    fix: 'When GET /admin/oauth2/auth/requests/login answers skip: true, accept at once without showing a form: PUT /admin/oauth2/auth/requests/login/accept?login_challenge=… with the request\'s own subject, then redirect the browser to the redirect_to it answers.',
  });
};

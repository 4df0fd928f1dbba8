/**
 * A login challenge that could not be used any more (seed 003): it expired while the user idled
 * (410 request_expired after `ttl.login_consent_request`), or it was already handled (410
 * request_handled: a double submit, the back button). Read at the login UI's fetch of the request
 * and at its accept or reject.
 */
import type { TraceEvent } from '../../event.ts';
import { numberAt, shown, shownDuration, textAt } from '../read-evidence.ts';
import { failure, line, type FailureRule } from '../rule.ts';

const LOGIN_STOPS = new Set(['login_request', 'login_accepted']);

const challengeLines = (event: TraceEvent) => [
  line('challenge', event.challengeId ?? 'unknown'),
  line('state', shown(textAt(event, 'state'))),
  line('challenge age', shownDuration(numberAt(event, 'challenge_age_ms'))),
  line('handled at', textAt(event, 'handled_at') ?? 'never'),
];

export const loginChallengeExpired: FailureRule = (event) => {
  if (!LOGIN_STOPS.has(event.stop) || event.errorCode !== 'request_expired') return undefined;
  return failure(event, 'login_challenge_expired', {
    summary: `The login challenge expired: it was ${shownDuration(numberAt(event, 'challenge_age_ms'))} old when the login UI ${event.stop === 'login_request' ? 'fetched' : 'accepted'} it.`,
    evidence: challengeLines(event),
    fix: 'Raise `ttl.login_consent_request` (30m by default) if users legitimately take longer; and when the login UI gets 410 request_expired, send the browser back to the app to start a new authorization instead of showing an error.',
  });
};

export const loginChallengeReused: FailureRule = (event) => {
  if (!LOGIN_STOPS.has(event.stop) || event.errorCode !== 'request_handled') return undefined;
  return failure(event, 'login_challenge_reused', {
    summary: `The login challenge was used again after it had been handled${textAt(event, 'handled_at') === undefined ? '' : ` at ${textAt(event, 'handled_at')}`}.`,
    evidence: challengeLines(event),
    fix: 'Accept or reject each login challenge once: disable the submit button after the first click, and when GET /admin/oauth2/auth/requests/login answers 410 with a redirect_to, send the browser there instead of showing the form again.',
  });
};

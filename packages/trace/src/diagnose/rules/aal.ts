/**
 * A session whose authenticator assurance level is below what the request needs (NIST SP 800-63B
 * AAL; docs/troubleshooting/session_aal2_required.md): at /sessions/whoami, at a login flow that asks
 * for aal2, or at a submit that reached aal1 where aal2 was required.
 */
import type { TraceEvent } from '../../event.ts';
import { flagAt, shown, textAt } from '../read-evidence.ts';
import { failure, line, type FailureRule } from '../rule.ts';

const AAL_CODES = new Set(['session_aal2_required', 'session_aal1_required']);

const level = (aal: string | undefined): number => (aal === undefined ? Number.NaN : Number(/^aal(\d)$/.exec(aal)?.[1] ?? Number.NaN));

const belowRequired = (event: TraceEvent): boolean => level(textAt(event, 'aal_reached')) < level(textAt(event, 'aal_required'));

export const sessionAalTooLow: FailureRule = (event) => {
  if (event.outcome === 'ok' || !(AAL_CODES.has(event.errorCode ?? '') || belowRequired(event))) return undefined;
  if (event.errorCode === 'session_aal1_required') return undefined; // the opposite case: an aal1 flow asked of an aal2 session; the fallback names it
  const required = textAt(event, 'aal_required') ?? textAt(event, 'requested_aal') ?? 'aal2';
  const reached = textAt(event, 'aal_reached') ?? textAt(event, 'session_aal');
  const atWhoami = event.stop === 'whoami';
  return failure(event, 'session_aal_too_low', {
    summary: `The session reached ${reached ?? 'no AAL'} but ${required} is required${atWhoami ? ' by /sessions/whoami' : ''}.`,
    evidence: [line('AAL required', required), line('AAL reached', shown(reached)), line('session present', shown(flagAt(event, 'session_present')))],
    fix: atWhoami
      ? 'Send the user through the second factor (/self-service/login/browser?aal=aal2) when whoami answers 403 session_aal2_required, or, if aal1 sessions are enough for the app, set `session.whoami.required_aal: aal1`.'
      : 'Let the user complete a second factor (TOTP, WebAuthn or a lookup code) in the aal2 login flow; if the identity has none, have them set one up in settings first, or ask for aal1 when the app does not need aal2.',
  });
};

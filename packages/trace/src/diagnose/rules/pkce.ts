/**
 * PKCE (RFC 7636): Olympus requires an S256 code_challenge on every authorization request
 * (docs/troubleshooting/invalid_request.md), and the code exchange must send the verifier whose hash
 * is that challenge (RFC 7636 §4.6).
 */
import { evidenceAt, flagAt, shown, textAt } from '../read-evidence.ts';
import { clientOf, failure, line, type FailureRule } from '../rule.ts';

export const pkceMissing: FailureRule = (event) => {
  if (event.stop !== 'authorize' || event.errorCode !== 'invalid_request') return undefined;
  if (flagAt(event, 'code_challenge_present') !== false || flagAt(event, 'pkce_required') === false) return undefined;
  return failure(event, 'pkce_missing', {
    summary: `The authorization request of client "${clientOf(event)}" carried no code_challenge; Olympus requires PKCE for every client.`,
    evidence: [line('code_challenge sent', 'no'), line('code_challenge_method sent', shown(textAt(event, 'code_challenge_method'))), line('PKCE required', 'yes')],
    fix: 'Make the app send code_challenge (BASE64URL(SHA-256(verifier))) and code_challenge_method=S256 with every authorization request, and the verifier as code_verifier at the token endpoint; OIDC libraries do it when PKCE is turned on (e.g. openid-client\'s calculatePKCECodeChallenge).',
  });
};

export const pkceVerifierMismatch: FailureRule = (event) => {
  if (event.stop !== 'token_exchange' || event.outcome === 'ok') return undefined;
  const matched = evidenceAt(event, 'pkce.matched');
  const present = flagAt(event, 'pkce.verifier_present');
  const registered = flagAt(event, 'pkce.challenge_registered');
  const missing = registered === true && present === false;
  if (matched !== false && !missing) return undefined;
  return failure(event, 'pkce_verifier_mismatch', {
    summary: missing ? 'The code was exchanged without a code_verifier, but its authorization request had a code_challenge.' : 'The code_verifier sent does not hash to the code_challenge of the authorization request.',
    evidence: [
      line('challenge registered', shown(registered)),
      line('challenge method', shown(textAt(event, 'pkce.method'))),
      line('verifier sent', shown(present)),
      line('verifier matched', shown(matched)),
    ],
    fix: 'Send, with the code, the very verifier this login started with: keep it per login attempt (next to state, in the session or the tab\'s storage), not one per app; two logins started in parallel (two tabs, a double click) overwrite each other\'s verifier.',
  });
};

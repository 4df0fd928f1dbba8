/**
 * An authorization code redeemed twice: the second exchange is refused and the tokens of the first
 * are revoked (RFC 6749 §4.1.2, RFC 9700 §4.5). The trace says when the code was first used and
 * whether that revocation happened.
 */
import { flagAt, shown, textAt } from '../read-evidence.ts';
import { failure, line, type FailureRule } from '../rule.ts';

export const codeReused: FailureRule = (event) => {
  if (event.stop !== 'token_exchange' || textAt(event, 'code_state') !== 'used') return undefined;
  const revoked = flagAt(event, 'revoked_on_reuse');
  return failure(event, 'code_reused', {
    summary: `The authorization code was redeemed a second time${revoked === true ? '; the tokens issued for its first use were revoked' : ''}.`,
    evidence: [line('code state', 'used'), line('first used at', shown(textAt(event, 'code_first_used_at'))), line('tokens of the first use revoked', shown(revoked))],
    fix: 'Exchange each code exactly once: look for a callback handler that runs twice (a React StrictMode effect, a page reload, a retry after a timeout, a link prefetcher), and keep the tokens of the first exchange instead of exchanging again. After a reuse the user has to sign in again.',
  });
};

import { InvalidRequest } from '../errors.ts';
import { fail } from './fail.ts';
import type { AuthorizeStep } from './request-state.ts';

/** RFC 7636 §4.2: S256 challenge = BASE64URL(SHA256(verifier)), 43 characters. */
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

/**
 * PKCE is required for every client, public or confidential, and only S256 is accepted
 * (RFC 9700 §2.1.1; ASVS 5.0 10.4.6). A missing method is refused rather than defaulting to
 * plain as RFC 7636 §4.3 would (docs/security.md AS-8).
 */
export const checkPkce: AuthorizeStep = (state) => {
  const challenge = state.params.code_challenge;
  const method = state.params.code_challenge_method;
  if (!challenge) {
    fail(state, new InvalidRequest('The request is missing the code_challenge parameter: Olympus requires PKCE with S256 for every client.', {
      hint: 'Create a random code_verifier (43–128 characters), send code_challenge=BASE64URL(SHA256(code_verifier)) and code_challenge_method=S256, and send the code_verifier with the token request.',
    }));
  }
  if (method === 'plain') {
    fail(state, new InvalidRequest('The code_challenge_method "plain" is not allowed: Olympus requires S256.', {
      hint: 'Send code_challenge=BASE64URL(SHA256(code_verifier)) with code_challenge_method=S256.',
    }));
  }
  if (method !== 'S256') {
    fail(state, new InvalidRequest(method ? `The code_challenge_method "${method}" is not supported: Olympus requires S256.` : 'The request is missing code_challenge_method: Olympus requires S256.', {
      hint: 'Add code_challenge_method=S256; Olympus never falls back to plain.',
    }));
  }
  if (!S256_CHALLENGE.test(challenge!)) {
    fail(state, new InvalidRequest('The code_challenge is malformed: an S256 challenge is 43 base64url characters.', {
      hint: 'Compute it as BASE64URL(SHA256(code_verifier)) without padding.',
    }));
  }
  state.request.codeChallenge = challenge;
  state.request.codeChallengeMethod = 'S256';
};

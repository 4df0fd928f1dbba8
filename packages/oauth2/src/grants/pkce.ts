import { createHash } from 'node:crypto';
import { constantTimeEqual } from '@olympus/crypto';
import type { AuthorizationCodeRecord } from '../tokens/records.ts';
import { invalidGrant } from './grant.ts';

/** RFC 7636 §4.1: code_verifier = 43*128unreserved, unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~". */
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

/** RFC 7636 §4.6: BASE64URL(SHA256(code_verifier)) equals the S256 code_challenge. */
export const verifierMatches = (challenge: string, verifier: string): boolean =>
  constantTimeEqual(createHash('sha256').update(verifier, 'ascii').digest('base64url'), challenge);

/**
 * PKCE at the token endpoint (RFC 7636 §4.6). A verifier without a challenge is refused too: that is
 * the PKCE downgrade RFC 9700 §4.8.2 describes (AS-9). Olympus requires S256 for every client (AS-8).
 */
export const checkPkce = (code: Pick<AuthorizationCodeRecord, 'codeChallenge' | 'codeChallengeMethod'>, verifier: string | undefined): void => {
  if (!code.codeChallenge) {
    if (verifier !== undefined) {
      throw invalidGrant('The code_verifier was sent but the authorization request carried no code_challenge (RFC 9700 §4.8.2).');
    }
    throw invalidGrant('The authorization request carried no code_challenge; Olympus requires PKCE with S256.');
  }
  if (!verifier) {
    throw invalidGrant('The code_verifier is missing: the authorization request carried a code_challenge (RFC 7636 §4.5).');
  }
  if (!VERIFIER.test(verifier)) {
    throw invalidGrant('The code_verifier must be 43 to 128 characters from [A-Za-z0-9-._~] (RFC 7636 §4.1).');
  }
  if (code.codeChallengeMethod !== 'S256') {
    throw invalidGrant(`The code_challenge_method "${code.codeChallengeMethod}" is not supported; Olympus accepts only S256.`);
  }
  if (!verifierMatches(code.codeChallenge, verifier)) {
    throw invalidGrant('The code_verifier does not match the code_challenge (RFC 7636 §4.6).');
  }
};

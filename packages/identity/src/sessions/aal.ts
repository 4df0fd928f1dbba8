/**
 * Authenticator assurance levels (NIST 800-63B §4): aal1 is one factor, aal2 a second one on top.
 * Kratos' rule, kept: the session's level is the highest level among the methods it completed.
 */
import type { Identity } from '../identities/identity.ts';
import type { Aal, AuthenticationMethod } from './session.ts';

export const aalOf = (methods: readonly AuthenticationMethod[]): Aal =>
  methods.some((m) => m.aal === 'aal2') ? 'aal2' : 'aal1';

/** Credentials that can serve as a second factor (a security key: strategies/webauthn). */
const SECOND_FACTORS = ['totp', 'lookup_secret', 'webauthn'] as const;

/** True when the identity could reach aal2, i.e. has a second-factor credential set up. */
export const hasSecondFactor = (identity: Identity): boolean =>
  SECOND_FACTORS.some((type) => identity.credentials[type] !== undefined);

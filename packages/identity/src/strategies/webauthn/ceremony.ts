/**
 * Registration and authentication ceremonies (W3C WebAuthn Level 3 §7.1, §7.2) through
 * @simplewebauthn/server, with the relying party of the method. A response signed for another
 * origin or RP ID is a configuration problem and answers `webauthn_rp_id_mismatch`
 * (docs/troubleshooting/webauthn_rp_id_mismatch.md); a signature counter that does not increase is
 * refused (§6.1.1: a possibly cloned authenticator); other failures are the form again.
 */
import type {
  AuthenticationResponseJSON, PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON, RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { WebauthnRpIdMismatch } from '../../errors.ts';
import { FlowValidationError } from '../strategy.ts';
import { webauthnMessages } from './messages.ts';
import type { RelyingParty } from './relying-party.ts';
import type { StoredWebAuthnCredential } from './stored.ts';

const TIMEOUT_MS = 5 * 60_000;

/**
 * Loaded at the first ceremony, not at start: with its ASN.1 dependencies it is a tenth of the
 * modules a node would load (docs/decisions/0002-hot-path-performance.md, "Start-up and memory").
 */
const simpleWebAuthn = () => import('@simplewebauthn/server');

export interface NewUser {
  /** base64url user handle. */
  handle: string;
  name: string;
  displayName: string;
}

/** Options for navigator.credentials.create(); `discoverable` asks for a passkey (resident key, user verification). */
export const creationOptions = async (rp: RelyingParty, challenge: string, user: NewUser, exclude: StoredWebAuthnCredential[], discoverable: boolean): Promise<PublicKeyCredentialCreationOptionsJSON> =>
  (await simpleWebAuthn()).generateRegistrationOptions({
    rpName: rp.name, rpID: rp.id, challenge: Buffer.from(challenge, 'base64url'), timeout: TIMEOUT_MS,
    userID: Buffer.from(user.handle, 'base64url'), userName: user.name, userDisplayName: user.displayName,
    attestationType: 'none',
    excludeCredentials: exclude.map((c) => ({ id: c.id, transports: c.transports })),
    authenticatorSelection: discoverable ? { residentKey: 'required', userVerification: 'required' } : { residentKey: 'discouraged', userVerification: 'preferred' },
  });

/** Options for navigator.credentials.get(); no allowCredentials for a passkey (the authenticator offers its own). */
export const requestOptions = async (rp: RelyingParty, challenge: string, allow: StoredWebAuthnCredential[], discoverable: boolean): Promise<PublicKeyCredentialRequestOptionsJSON> =>
  (await simpleWebAuthn()).generateAuthenticationOptions({
    rpID: rp.id, challenge: Buffer.from(challenge, 'base64url'), timeout: TIMEOUT_MS,
    allowCredentials: allow.map((c) => ({ id: c.id, transports: c.transports })),
    userVerification: discoverable ? 'required' : 'preferred',
  });

/** The JSON a browser posted (a string in forms, an object in JSON bodies); undefined when unusable. */
export const parseResponse = <T>(raw: unknown): T | undefined => {
  try {
    const value = typeof raw === 'string' ? JSON.parse(raw) : raw;
    return typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string' ? (value as T) : undefined;
  } catch {
    return undefined;
  }
};

const originOf = (response: { response: { clientDataJSON: string } }): string => {
  try {
    const data = JSON.parse(Buffer.from(response.response.clientDataJSON, 'base64url').toString('utf8')) as { origin?: unknown };
    return typeof data.origin === 'string' ? data.origin : '';
  } catch {
    return '';
  }
};

/** Turns the library's error into the answer the user or operator can act on. */
const refusal = (err: unknown, rp: RelyingParty, response: { response: { clientDataJSON: string } }): Error => {
  const message = err instanceof Error ? err.message : String(err);
  if (/origin|RP ID/i.test(message)) {
    return new WebauthnRpIdMismatch('The passkey answer was made for another site than this relying party.', {
      reason: `The browser signed for origin "${originOf(response)}", but selfservice.methods.*.config.rp allows RP ID "${rp.id}" with origins ${rp.origins.join(', ')}.`,
      details: { expected_rp_id: rp.id, expected_origins: rp.origins, origin: originOf(response) },
    });
  }
  if (/counter/i.test(message)) return new FlowValidationError([webauthnMessages.counterRegressed()]);
  return new FlowValidationError([webauthnMessages.credentialRefused(message.replace(/\.$/, ''))]);
};

export const verifyRegistration = async (rp: RelyingParty, response: RegistrationResponseJSON, challenge: string, discoverable: boolean) => {
  const { verifyRegistrationResponse } = await simpleWebAuthn();
  try {
    const result = await verifyRegistrationResponse({
      response, expectedChallenge: challenge, expectedOrigin: rp.origins, expectedRPID: rp.id, requireUserVerification: discoverable,
    });
    if (!result.verified) throw new Error('the attestation did not verify');
    return result.registrationInfo;
  } catch (err) {
    throw refusal(err, rp, response);
  }
};

/** Verifies the assertion; the counter rule (§6.1.1) is enforced by the library; returns the new counter. */
export const verifyAssertion = async (
  rp: RelyingParty, response: AuthenticationResponseJSON, challenge: string, stored: StoredWebAuthnCredential, discoverable: boolean,
): Promise<number> => {
  const { verifyAuthenticationResponse } = await simpleWebAuthn();
  try {
    const result = await verifyAuthenticationResponse({
      response, expectedChallenge: challenge, expectedOrigin: rp.origins, expectedRPID: rp.id, requireUserVerification: discoverable,
      credential: { id: stored.id, publicKey: Buffer.from(stored.public_key, 'base64url'), counter: stored.sign_count, transports: stored.transports },
    });
    if (!result.verified) throw new Error('the signature did not verify');
    return result.authenticationInfo.newCounter;
  } catch (err) {
    throw refusal(err, rp, response);
  }
};

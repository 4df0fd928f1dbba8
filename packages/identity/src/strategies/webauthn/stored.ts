/**
 * The stored form of WebAuthn credentials, one identity credential per method (`passkey`,
 * `webauthn`), in Kratos' shape: `{user_handle, credentials: [{id, public_key, sign_count, …}]}`.
 * The credential's identifiers are the WebAuthn credential ids (base64url), unique per type, so
 * one authenticator credential can never belong to two identities.
 */
import { newCredential } from '../../identities/credentials.ts';
import type { Identity } from '../../identities/identity.ts';
import type { WebAuthnMethod } from './relying-party.ts';

export interface StoredWebAuthnCredential {
  /** base64url credential id. */
  id: string;
  /** base64url COSE public key. */
  public_key: string;
  sign_count: number;
  transports: string[];
  display_name: string;
  aaguid: string;
  added_at: string;
}

const isStored = (value: unknown): value is StoredWebAuthnCredential =>
  typeof value === 'object' && value !== null && typeof (value as StoredWebAuthnCredential).id === 'string'
  && typeof (value as StoredWebAuthnCredential).public_key === 'string';

export const storedCredentials = (identity: Identity, method: WebAuthnMethod): StoredWebAuthnCredential[] => {
  const list = identity.credentials[method]?.config.credentials;
  return Array.isArray(list) ? list.filter(isStored) : [];
};

/** The user handle (W3C WebAuthn §5.4.3 user.id): the identity id's bytes, base64url — no personal data. */
export const userHandleOf = (identity: Identity): string => Buffer.from(identity.id).toString('base64url');

/** The identity with `method`'s credential list replaced; an empty list removes the credential. */
export const withCredentials = (identity: Identity, method: WebAuthnMethod, list: StoredWebAuthnCredential[], now: number): Identity => {
  const { [method]: previous, ...others } = identity.credentials;
  const at = new Date(now).toISOString();
  if (list.length === 0) return { ...identity, credentials: others, updated_at: at };
  const config = { user_handle: userHandleOf(identity), credentials: list };
  const credential = previous
    ? { ...previous, identifiers: list.map((c) => c.id), config, updated_at: at }
    : newCredential(method, list.map((c) => c.id), config, now);
  return { ...identity, credentials: { ...others, [method]: credential }, updated_at: at };
};

import type { Identity } from '../identities/identity.ts';
import type { Session } from './session.ts';

/** The identity as a session shows it: no credentials and no metadata_admin (admin API only). */
export type PublicIdentity = Omit<Identity, 'credentials' | 'metadata_admin'>;

/** Kratos' `Session` JSON (docs/compatibility.md §2.3): the stored session with its identity in place of identity_id. */
export type SessionWire = Omit<Session, 'identity_id'> & { identity: PublicIdentity };

export const publicIdentity = (identity: Identity): PublicIdentity => {
  const { credentials: _credentials, metadata_admin: _metadataAdmin, ...rest } = identity;
  return rest;
};

export const sessionWire = (session: Session, identity: Identity): SessionWire => {
  const { identity_id: _identityId, ...rest } = session;
  return { ...rest, identity: publicIdentity(identity) };
};

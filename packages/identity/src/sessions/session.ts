import type { Identity } from '../identities/identity.ts';

export type Aal = 'aal1' | 'aal2';

export interface AuthenticationMethod {
  method: 'password' | 'totp' | 'lookup_secret' | 'code' | 'webauthn' | 'passkey' | 'oidc';
  aal: Aal;
  completed_at: string;
}

export interface SessionDevice {
  id: string;
  ip_address: string;
  user_agent: string;
  location: string;
}

/**
 * An identity session (Kratos `Session`). The cookie and the session token are random 256-bit
 * values stored only as keyed hashes; `id` is a separate UUID shown to users and admins.
 */
export interface Session {
  id: string;
  active: boolean;
  expires_at: string;
  authenticated_at: string;
  issued_at: string;
  authenticator_assurance_level: Aal;
  authentication_methods: AuthenticationMethod[];
  identity_id: string;
  devices: SessionDevice[];
}

/** The session with its identity, as whoami and the flows answer it. */
export type SessionWithIdentity = Omit<Session, 'identity_id'> & { identity: Identity };

/**
 * An identity as Kratos' API shows it (docs/compatibility.md §2.3). Wire names on purpose: the same
 * object is stored, validated against its JSON Schema and returned by the admin API.
 */
export type IdentityState = 'active' | 'inactive';
export type CredentialType = 'password' | 'totp' | 'lookup_secret' | 'webauthn' | 'passkey' | 'code' | 'oidc';

export interface Credential {
  type: CredentialType;
  /** Values that find the identity at login (e.g. the email for password), lower-cased where the schema says so. */
  identifiers: string[];
  version: number;
  /** Strategy-specific; never returned unless the admin asks with include_credential. */
  config: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}

export interface VerifiableAddress {
  id: string;
  value: string;
  verified: boolean;
  via: 'email' | 'sms';
  status: 'pending' | 'sent' | 'completed';
  verified_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface RecoveryAddress {
  id: string;
  value: string;
  via: 'email' | 'sms';
  created_at: string;
  updated_at: string;
}

export interface Identity {
  id: string;
  schema_id: string;
  schema_url: string;
  state: IdentityState;
  state_changed_at: string;
  traits: Record<string, unknown>;
  metadata_public: Record<string, unknown> | null;
  metadata_admin: Record<string, unknown> | null;
  external_id: string;
  verifiable_addresses: VerifiableAddress[];
  recovery_addresses: RecoveryAddress[];
  credentials: Partial<Record<CredentialType, Credential>>;
  organization_id: string | null;
  created_at: string;
  updated_at: string;
}

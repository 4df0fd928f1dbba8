/**
 * What the admin API shows of an identity. Credentials appear as metadata (type, identifiers,
 * version, times) without `config`; `include_credential=<type>` shows only the named types, with
 * their config — except secrets: a password hash, TOTP secret or recovery codes never leave the
 * server (config `{}`), although Kratos would show a password hash here.
 */
import type { Credential, CredentialType, Identity } from './identity.ts';

export type CredentialView = Omit<Credential, 'config'> & { config?: Record<string, unknown> };
export type IdentityView = Omit<Identity, 'credentials'> & { credentials: Partial<Record<CredentialType, CredentialView>> };

const SECRET_CONFIG: ReadonlySet<CredentialType> = new Set(['password', 'totp', 'lookup_secret']);

const metadataOnly = ({ config: _config, ...rest }: Credential): CredentialView => rest;

export const identityView = (identity: Identity, includeCredential: readonly string[] = []): IdentityView => {
  const credentials: IdentityView['credentials'] = {};
  for (const credential of Object.values(identity.credentials)) {
    if (!credential) continue;
    if (includeCredential.length === 0) credentials[credential.type] = metadataOnly(credential);
    else if (includeCredential.includes(credential.type)) {
      credentials[credential.type] = { ...credential, config: SECRET_CONFIG.has(credential.type) ? {} : credential.config };
    }
  }
  return { ...identity, credentials };
};

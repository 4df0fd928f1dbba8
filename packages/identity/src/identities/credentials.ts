/**
 * Keeps credential identifiers in step with the traits: the password credential is found by the
 * traits marked `credentials.password.identifier`, the `code` credential exists exactly while some
 * trait is marked `credentials.code.identifier`. Runs on every create and trait change.
 */
import { BadRequest } from '../errors.ts';
import type { TraitIdentifiers } from '../schemas/traits.ts';
import type { Credential, CredentialType, Identity } from './identity.ts';

type Credentials = Identity['credentials'];

export const newCredential = (type: CredentialType, identifiers: string[], config: Record<string, unknown>, now: number): Credential => {
  const at = new Date(now).toISOString();
  return { type, identifiers, version: 0, config, created_at: at, updated_at: at };
};

const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((v, i) => v === b[i]);

const withIdentifiers = (credential: Credential, identifiers: string[], now: number): Credential =>
  sameList(credential.identifiers, identifiers) ? credential : { ...credential, identifiers, updated_at: new Date(now).toISOString() };

export const refreshIdentifiers = (credentials: Credentials, ids: TraitIdentifiers, now: number): Credentials => {
  const next: Credentials = { ...credentials };
  if (next.password) {
    if (ids.password.length === 0) {
      throw new BadRequest('The request was malformed or contained invalid parameters', {
        reason: 'A password credential needs an identifier, but no trait marked "credentials.password.identifier" in the '
          + 'identity schema has a value. Set that trait (e.g. traits.email) or leave the password out.',
      });
    }
    next.password = withIdentifiers(next.password, ids.password, now);
  }
  if (ids.code.length === 0) delete next.code;
  else if (next.code) next.code = { ...withIdentifiers(next.code, ids.code, now), config: { addresses: ids.codeAddresses } };
  else next.code = newCredential('code', ids.code, { addresses: ids.codeAddresses }, now);
  return next;
};

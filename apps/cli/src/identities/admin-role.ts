/**
 * Grants and revokes Athena administrator roles through the identity admin API, so it works against
 * a remote server: the role lives in the identity's `metadata_admin` (packages/identity/src/admin-roles.ts).
 */
import { CommandFailed } from '../errors.ts';
import type { ApiClient } from '../http/api-client.ts';
import { segment } from '../http/clients.ts';
import type { IdentityResponse } from './identity-view.ts';

export type RoleIdentity = IdentityResponse & { metadata_admin?: Record<string, unknown> | null };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A UUID is an identity id; anything else is a login identifier such as an email address. */
export const findIdentity = async (api: ApiClient, idOrIdentifier: string): Promise<RoleIdentity> => {
  if (UUID.test(idOrIdentifier)) {
    const response = await api.request('GET', `/admin/identities/${segment(idOrIdentifier)}`, { accept: [404] });
    if (response.status === 404) throw new CommandFailed(`no identity has the id ${idOrIdentifier}`);
    return response.body as RoleIdentity;
  }
  const response = await api.request('GET', '/admin/identities', { query: { credentials_identifier: idOrIdentifier, page_size: '2' } });
  const found = Array.isArray(response.body) ? (response.body as RoleIdentity[]) : [];
  if (found.length === 0) {
    throw new CommandFailed(`no identity signs in with "${idOrIdentifier}"\nGive the identity's id, or find it with "olympus list identities".`);
  }
  // Should two identities ever answer to one identifier, refuse rather than pick one.
  if (found.length > 1) throw new CommandFailed(`more than one identity signs in with "${idOrIdentifier}"; give the identity's id instead`);
  return found[0]!;
};

/**
 * Replaces `metadata_admin` by JSON Patch (RFC 6902), with a `test` of the value it was computed
 * from (§4.6): a change made meanwhile by someone else fails the patch instead of being overwritten.
 */
export const replaceMetadataAdmin = async (
  api: ApiClient,
  identity: RoleIdentity,
  next: Record<string, unknown>,
): Promise<RoleIdentity> => {
  const patch = [
    { op: 'test', path: '/metadata_admin', value: identity.metadata_admin ?? null },
    { op: 'replace', path: '/metadata_admin', value: next },
  ];
  const response = await api.request('PATCH', `/admin/identities/${segment(identity.id ?? '')}`, { json: patch });
  return response.body as RoleIdentity;
};

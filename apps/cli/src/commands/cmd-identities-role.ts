/**
 * `olympus identities grant-role <id or email> <role>` and `olympus identities revoke-role <id or
 * email>`: Athena administrator roles, kept in the identity's metadata_admin
 * (packages/identity/src/admin-roles.ts), changed through PATCH /admin/identities/{id}.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Command } from '../command.ts';
import { UsageError } from '../errors.ts';
import { adminApi } from '../http/clients.ts';
import { adminOptions } from '../http/remote-options.ts';
import { findIdentity, replaceMetadataAdmin, type RoleIdentity } from '../identities/admin-role.ts';
import { identifierOf } from '../identities/identity-view.ts';
import type { Io } from '../io.ts';
import type { Flags } from '../options.ts';
import { printView } from '../output/print.ts';
import { tableOf } from '../output/table.ts';

// The identity core is loaded only by these commands, as `serve` loads the server (server-module.ts).
const roles = () => import('@olympus/identity');

const printRole = (io: Io, flags: Flags, identity: RoleIdentity, role: string | undefined): void => {
  const columns = [
    { header: 'ID', value: (i: RoleIdentity) => i.id },
    { header: 'IDENTIFIER', value: identifierOf },
    { header: 'ATHENA ROLE', value: () => role ?? '(none)' },
  ];
  printView(io, flags, { json: identity, ids: [identity.id ?? ''], table: tableOf(columns, [identity], true) });
};

export const identitiesGrantRole: Command = {
  verb: 'identities',
  nouns: ['grant-role'],
  summary: 'Make an identity an Athena administrator: admin, support or viewer',
  args: { usage: '<id or email> <role>', min: 2, max: 2 },
  options: adminOptions,
  details: [
    'Roles: admin (everything), support (identities, sessions, recovery codes; no clients, no keys), viewer (read only).',
    'The role is kept in the identity\'s metadata_admin.athena.role; other metadata stays as it is.',
    'Example: olympus identities grant-role ada@example.com support',
  ].join('\n'),
  async run({ flags, args, io }) {
    const [who, role] = args as [string, string];
    const { ADMIN_ROLES, isAdminRole, withAdminRole } = await roles();
    if (!isAdminRole(role)) throw new UsageError(`unknown role "${role}"; the roles are ${ADMIN_ROLES.join(', ')}`);
    const api = adminApi(flags, io);
    const identity = await findIdentity(api, who);
    const updated = await replaceMetadataAdmin(api, identity, withAdminRole(identity.metadata_admin, role));
    printRole(io, flags, updated, role);
    return 0;
  },
};

export const identitiesRevokeRole: Command = {
  verb: 'identities',
  nouns: ['revoke-role'],
  summary: 'Take an identity\'s Athena administrator role away',
  args: { usage: '<id or email>', min: 1, max: 1 },
  options: adminOptions,
  details: 'Example: olympus identities revoke-role ada@example.com',
  async run({ flags, args, io }) {
    const { withAdminRole } = await roles();
    const api = adminApi(flags, io);
    const identity = await findIdentity(api, args[0]!);
    const next = withAdminRole(identity.metadata_admin, undefined);
    // Nothing to take away: no request, so revoking twice changes nothing (not even updated_at).
    const unchanged = isDeepStrictEqual(next, identity.metadata_admin ?? {});
    const updated = unchanged ? identity : await replaceMetadataAdmin(api, identity, next);
    printRole(io, flags, updated, undefined);
    return 0;
  },
};

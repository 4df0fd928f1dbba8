/**
 * Athena administrator roles. An identity administers Olympus when its admin-only metadata
 * (`metadata_admin`: only the admin API writes it, no session shows it — sessions/wire.ts) holds
 * `{ "athena": { "role": "<role>" } }`. Everything else in `metadata_admin` belongs to the operator
 * and is read around, never touched.
 */
import type { Identity } from './identities/identity.ts';

export const ADMIN_ROLES = ['admin', 'support', 'viewer'] as const;
export type AdminRole = (typeof ADMIN_ROLES)[number];

export const PERMISSIONS = [
  'clients.read',
  'clients.write',
  'keys.read',
  'keys.write',
  'identities.read',
  'identities.write',
  'sessions.write',
  'recovery.create',
  'requests.read',
  'courier.read',
  'audit.read',
  // Admin only: the sign-in providers' configuration, and dry runs of them (a real round trip).
  'providers.read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * What each role may do. `admin`: everything. `support`: people — identities, their sessions and
 * recovery codes — and reading what happens around them, but no clients and no keys. `viewer`:
 * reads everything that carries no secret and changes nothing. Reading keys shows public parts only
 * (KeyAdminApi in packages/oauth2/src/context.ts), so `keys.read` is no secret; courier messages are: their bodies
 * hold live recovery and verification codes, so a viewer does not read them.
 */
const GRANTS: Record<AdminRole, ReadonlySet<Permission>> = {
  admin: new Set(PERMISSIONS),
  support: new Set([
    'identities.read', 'identities.write', 'sessions.write', 'recovery.create', 'requests.read', 'courier.read', 'audit.read',
  ]),
  viewer: new Set(['clients.read', 'keys.read', 'identities.read', 'requests.read', 'audit.read']),
};

const ATHENA_KEY = 'athena';

export const isAdminRole = (value: unknown): value is AdminRole =>
  typeof value === 'string' && (ADMIN_ROLES as readonly string[]).includes(value);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The role `metadata_admin.athena.role` grants, or undefined for anything else (absent, malformed, unknown). */
export const adminRoleOf = (identity: Pick<Identity, 'metadata_admin'>): AdminRole | undefined => {
  const athena = isRecord(identity.metadata_admin) ? identity.metadata_admin[ATHENA_KEY] : undefined;
  const role = isRecord(athena) ? athena.role : undefined;
  return isAdminRole(role) ? role : undefined;
};

/**
 * `metadataAdmin` with the role set (or removed, for undefined), every other key kept. Removing the
 * last key of `athena` removes `athena`; an empty result stays `{}` rather than becoming null.
 */
export const withAdminRole = (
  metadataAdmin: Record<string, unknown> | null | undefined,
  role: AdminRole | undefined,
): Record<string, unknown> => {
  const { [ATHENA_KEY]: athena, ...rest } = isRecord(metadataAdmin) ? metadataAdmin : {};
  const { role: _previous, ...athenaRest } = isRecord(athena) ? athena : {};
  const nextAthena = role === undefined ? athenaRest : { ...athenaRest, role };
  return Object.keys(nextAthena).length === 0 ? rest : { ...rest, [ATHENA_KEY]: nextAthena };
};

/** True when `role` allows `permission`; no role allows nothing. */
export const can = (role: AdminRole | undefined, permission: Permission): boolean =>
  role !== undefined && GRANTS[role].has(permission);

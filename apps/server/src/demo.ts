import { adminRoleOf, IdentityConflict, identityServiceFor, withAdminRole, type Identity, type IdentityContext } from '@olympus/identity';

/**
 * The demo user of `--dev`, so the README's first-client walkthrough can sign in on a fresh clone
 * and Athena has an administrator to sign in with. Only dev mode creates it: production starts with
 * no account at all and grants no role (docs/security.md ID-20). It holds the Athena role `admin`
 * (packages/identity/src/admin-roles.ts); a dev start gives the role back to a demo user created
 * before roles existed or revoked since, so in dev mode the demo user is always an administrator.
 */
export const DEMO_EMAIL = 'admin@demo.user';
export const DEMO_PASSWORD = 'olympus-demo-2026';
export const DEMO_ROLE = 'admin';

/** An existing demo user without the role gets it; the patch tests what it read, so a race is noticed. */
const ensureDemoRole = async (ctx: IdentityContext, demo: Identity): Promise<void> => {
  if (adminRoleOf(demo) === DEMO_ROLE) return;
  try {
    await identityServiceFor(ctx).patch(demo.id, [
      { op: 'test', path: '/metadata_admin', value: demo.metadata_admin },
      { op: 'replace', path: '/metadata_admin', value: withAdminRole(demo.metadata_admin, DEMO_ROLE) },
    ]);
  } catch (err) {
    // Two dev nodes starting on one database: the other one granted it first.
    const current = await ctx.storage.identities.findByCredentialIdentifier('password', DEMO_EMAIL);
    if (current !== undefined && adminRoleOf(current) === DEMO_ROLE) return;
    throw err;
  }
  ctx.log.info({ email: DEMO_EMAIL, role: DEMO_ROLE }, 'dev demo identity made an administrator');
};

export const ensureDemoIdentity = async (ctx: IdentityContext): Promise<'created' | 'exists'> => {
  const existing = await ctx.storage.identities.findByCredentialIdentifier('password', DEMO_EMAIL);
  if (existing) {
    await ensureDemoRole(ctx, existing);
    return 'exists';
  }
  try {
    await identityServiceFor(ctx).create({
      schema_id: ctx.config.identity.defaultSchemaId,
      traits: { email: DEMO_EMAIL, name: { first: 'Demo', last: 'Admin' } },
      metadata_admin: withAdminRole(null, DEMO_ROLE),
      credentials: { password: { config: { password: DEMO_PASSWORD } } },
    });
    ctx.log.info({ email: DEMO_EMAIL, role: DEMO_ROLE }, 'dev demo identity created');
    return 'created';
  } catch (err) {
    // Two dev nodes starting on one database: the other one created it first.
    if (err instanceof IdentityConflict) return 'exists';
    throw err;
  }
};

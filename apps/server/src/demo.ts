import { IdentityConflict, identityServiceFor, type IdentityContext } from '@olympus/identity';

/**
 * The demo user of `--dev`, so the README's first-client walkthrough can sign in on a fresh clone.
 * Only dev mode creates it: production starts with no account at all (docs/security.md ID-20). It is
 * an ordinary identity, not an administrator — the admin API is guarded by the admin origin itself.
 */
export const DEMO_EMAIL = 'admin@demo.user';
export const DEMO_PASSWORD = 'olympus-demo-2026';

export const ensureDemoIdentity = async (ctx: IdentityContext): Promise<'created' | 'exists'> => {
  if (await ctx.storage.identities.findByCredentialIdentifier('password', DEMO_EMAIL)) return 'exists';
  try {
    await identityServiceFor(ctx).create({
      schema_id: ctx.config.identity.defaultSchemaId,
      traits: { email: DEMO_EMAIL, name: { first: 'Demo', last: 'Admin' } },
      credentials: { password: { config: { password: DEMO_PASSWORD } } },
    });
    ctx.log.info({ email: DEMO_EMAIL }, 'dev demo identity created');
    return 'created';
  } catch (err) {
    // Two dev nodes starting on one database: the other one created it first.
    if (err instanceof IdentityConflict) return 'exists';
    throw err;
  }
};

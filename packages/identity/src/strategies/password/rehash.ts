/**
 * Upgrade on login (docs/security.md ID-5): a password that verified against an imported bcrypt
 * or PBKDF2 hash, or against argon2 at older parameters, is re-hashed with the current argon2id
 * parameters. Whether it is needed comes with the verification (PasswordHasher.verifyForLogin).
 * Failing to store the upgrade never fails the login; the next one tries again.
 */
import type { IdentityContext } from '../../context.ts';
import type { Identity } from '../../identities/identity.ts';
import type { PasswordHasher } from '../../hashing/hasher.ts';

export const rehashIfNeeded = async (
  ctx: IdentityContext, identity: Identity, password: string, hashed: string, hasher: PasswordHasher,
  needsRehash: boolean,
): Promise<Identity> => {
  const credential = identity.credentials.password;
  if (!credential || !needsRehash) return identity;
  try {
    const now = new Date(ctx.now()).toISOString();
    const upgraded: Identity = {
      ...identity,
      credentials: {
        ...identity.credentials,
        password: { ...credential, config: { ...credential.config, hashed_password: await hasher.hash(password) }, updated_at: now },
      },
    };
    const write = await ctx.storage.identities.updateIdentity(upgraded);
    if (write.status !== 'ok') {
      ctx.log.warn({ identity_id: identity.id, status: write.status }, 'password re-hash not stored');
      return identity;
    }
    ctx.log.info({ identity_id: identity.id, from: hashed.split('$')[1] ?? 'unknown' }, 'password re-hashed to current argon2id parameters');
    return upgraded;
  } catch (err) {
    ctx.log.warn({ identity_id: identity.id, err: err instanceof Error ? err.message : String(err) }, 'password re-hash failed');
    return identity;
  }
};

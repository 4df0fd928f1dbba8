/**
 * One PasswordHasher per argon2 configuration. Strategies are stateless module constants, so the
 * hasher (with its memoised dummy hash, ID-6) hangs off the config object it was built from.
 */
import type { OlympusConfig } from '@olympus/config';
import { PasswordHasher } from '../../hashing/hasher.ts';

const hashers = new WeakMap<object, PasswordHasher>();

export const hasherFor = (config: OlympusConfig): PasswordHasher => {
  const params = config.hashers.argon2;
  let hasher = hashers.get(params);
  if (!hasher) {
    hasher = new PasswordHasher(params);
    hashers.set(params, hasher);
  }
  return hasher;
};
